/**
 * Which NameID a bundled SAML IdP sends: the user's sign-in name (the default, also the SCIM
 * userName) or a first.last address at the same domain (bob@ becomes bob.brown@). Changing the
 * IdP to one that sends the other form is the "different NameID" case of ZPA's IdP best
 * practices (domain.md §7): the cloud then sees another identity for every user, who must log
 * out and enroll again with the name the new IdP asserts (42000 otherwise). Kept per IdP in the
 * settings store.
 */
import type { NAME_ID_KINDS } from '../../../../shared/contract/cloud-api/saml-idp-views.js';
import type { Store } from '../../store/types.js';
import { NAMEID_EMAIL } from '../../saml/xml.js';
import type { SamlDirectoryUser } from './directory-user.js';

export type NameIdKind = (typeof NAME_ID_KINDS)[number];

const key = (idpId: string) => `saml.nameIdKind.${idpId}`;

export function nameIdKind(store: Store, idpId: string): NameIdKind {
  return store.settings.get(key(idpId)) === 'firstLast' ? 'firstLast' : 'userName';
}

export function setNameIdKind(store: Store, idpId: string, kind: NameIdKind): void {
  store.settings.set(key(idpId), kind);
}

/** The NameID (email-address format) this IdP asserts for `user`. */
export function nameIdFor(
  store: Store,
  idpId: string,
  user: Pick<SamlDirectoryUser, 'userName' | 'givenName' | 'familyName'>,
): { value: string; format: string } {
  const [local, domain] = user.userName.split('@');
  const names = [user.givenName, user.familyName].filter(Boolean).join('.').toLowerCase();
  const firstLast = names && names !== local?.toLowerCase() ? `${names}@${domain}` : null;
  const value = nameIdKind(store, idpId) === 'firstLast' && firstLast ? firstLast : user.userName;
  return { value, format: NAMEID_EMAIL };
}
