/** The OIDC IdP's view of the shared directory (idp/directory-account.ts), and its claims. */
import type { DirectoryAccount } from '../directory-account.js';

export {
  accountById,
  accountByUserName,
  checkPassword,
  type DirectoryAccount,
  type PasswordCheck,
} from '../directory-account.js';

/** The claims the IdP releases about the user (filtered by scope by oidc-provider). */
export function accountClaims(a: DirectoryAccount): Record<string, unknown> {
  const name =
    a.displayName ?? ([a.givenName, a.familyName].filter(Boolean).join(' ') || undefined);
  return {
    sub: a.id,
    email: a.email,
    email_verified: true,
    preferred_username: a.userName,
    name,
    given_name: a.givenName,
    family_name: a.familyName,
    groups: a.groups,
    department: a.department,
    title: a.title,
  };
}
