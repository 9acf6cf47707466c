/** The SAML IdP's names for the shared directory view (idp/directory-account.ts). */
import {
  accountByUserName,
  checkPassword,
  readDirectoryAccount,
  type DirectoryAccount,
} from '../directory-account.js';
import type { Store } from '../../store/types.js';

export type SamlDirectoryUser = DirectoryAccount;
export const readDirectoryUser = readDirectoryAccount;
export const findDirectoryUser = accountByUserName;

/**
 * Checks a sign-in. Unknown user, wrong password and inactive user are one answer (the form
 * never says which part was wrong); a correct password for an unassigned user is told apart,
 * as Okta and Entra show "not assigned to this application" only after authentication.
 */
export function checkCredentials(
  store: Store,
  idpId: string,
  userName: string,
  password: string,
):
  | { ok: true; user: SamlDirectoryUser }
  | { ok: false; reason: 'invalid_credentials' | 'not_assigned' } {
  const r = checkPassword(store, idpId, userName, password);
  if (r.ok) return { ok: true, user: r.account };
  return {
    ok: false,
    reason: r.reason === 'not_assigned' ? 'not_assigned' : 'invalid_credentials',
  };
}
