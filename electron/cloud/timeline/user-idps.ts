import type { IdpService } from '../idp-config/idp-service.js';
import type { Store } from '../store/types.js';

/**
 * The IdPs that concern a user: those whose directory, SCIM database or sessions know them, and
 * the one their email domain signs in with. An empty list: the cloud does not know the user.
 */
export function idpsOfUser(store: Store, idps: IdpService, userName: string): string[] {
  const all = idps.list();
  const known = all.filter(
    (idp) =>
      store.directory.userByName(idp.id, userName) !== undefined ||
      store.scim.findByName('User', idp.id, userName).length > 0 ||
      store.auth.sessionsOfUser(idp.id, userName).length > 0,
  );
  if (known.length === 0 && !store.timeline.knowsUser(userName)) return [];
  const domain = userName.slice(userName.lastIndexOf('@') + 1).toLowerCase();
  const byDomain = all.filter((idp) => idp.domains.includes(domain));
  return [...new Set([...known, ...byDomain].map((idp) => idp.id))];
}
