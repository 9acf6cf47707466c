/**
 * The SAML IdP's one view of its directory (idp/directory owns the data). Everything the IdP
 * reads about a user goes through `readDirectoryUser`, so a change of the directory's document
 * shape is one edit here.
 */
import { hashPassword, passwordMatches } from '../../security/passwords.js';
import type { DirectoryUser, Store } from '../../store/types.js';

export interface SamlDirectoryUser {
  id: string;
  userName: string;
  active: boolean;
  /** Assigned to the private-access app; absent in the directory means assigned. */
  assigned: boolean;
  email: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  department?: string;
  title?: string;
  /** Group names. */
  groups: string[];
  /** scrypt hash; undefined for users who cannot sign in with a password. */
  passwordHash?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function readDirectoryUser(u: DirectoryUser): SamlDirectoryUser {
  const groups = Array.isArray(u.groups)
    ? u.groups
        .map((g: unknown) =>
          typeof g === 'string'
            ? g
            : (str((g as { name?: unknown; displayName?: unknown } | null)?.name) ??
              str((g as { displayName?: unknown } | null)?.displayName)),
        )
        .filter((g): g is string => g !== undefined)
    : [];
  return {
    id: u.id,
    userName: u.userName,
    active: u.active !== false,
    assigned: u.assigned !== false,
    email: str(u.email) ?? u.userName,
    givenName: str(u.givenName),
    familyName: str(u.familyName),
    displayName: str(u.displayName),
    department: str(u.department),
    title: str(u.title),
    groups,
    passwordHash: str(u.password),
  };
}

/** Case-insensitive userName lookup. */
export function findDirectoryUser(
  store: Store,
  idpId: string,
  userName: string,
): SamlDirectoryUser | undefined {
  const wanted = userName.trim().toLowerCase();
  const user = store.directory.list(idpId).find((u) => u.userName.toLowerCase() === wanted);
  return user && readDirectoryUser(user);
}

/** Compared against when the user is unknown, so both cases take the same time. */
let decoyHash: string | undefined;

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
  const user = userName.trim() ? findDirectoryUser(store, idpId, userName) : undefined;
  const hash = user?.passwordHash ?? (decoyHash ??= hashPassword('decoy'));
  const matches = passwordMatches(password, hash);
  if (!user?.passwordHash || !matches || !user.active) {
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (!user.assigned) return { ok: false, reason: 'not_assigned' };
  return { ok: true, user };
}
