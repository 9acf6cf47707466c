import type { IdpService } from '../idp-config/idp-service.js';
import type { Store } from '../store/types.js';

/**
 * The IdPs that concern a user: those whose directory, SCIM database or sessions know them, and
 * the one their email domain signs in with. Null: the cloud does not know the user at all.
 */
export function idpsOfUser(store: Store, idps: IdpService, userName: string): string[] | null {
  const all = idps.list();
  const known = all.filter(
    (idp) =>
      store.directory.userByName(idp.id, userName) !== undefined ||
      store.scim.findByName('User', idp.id, userName).length > 0 ||
      store.auth.sessionsOfUser(idp.id, userName).length > 0,
  );
  if (known.length === 0 && !store.timeline.knowsUser(userName)) return null;
  const domain = userName.slice(userName.lastIndexOf('@') + 1).toLowerCase();
  const byDomain = all.filter((idp) => idp.domains.includes(domain));
  return [...new Set([...known, ...byDomain].map((idp) => idp.id))];
}
