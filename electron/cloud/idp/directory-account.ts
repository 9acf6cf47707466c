/**
 * The bundled IdPs' one view of their directory (idp/directory owns the data). Everything the
 * SAML and OIDC IdPs read about a user goes through here, so a change of the directory's
 * document shape is one edit.
 */
import { hashPassword, passwordMatches } from '../security/passwords.js';
import type { DirectoryUser, Store } from '../store/types.js';

export interface DirectoryAccount {
  id: string;
  userName: string;
  active: boolean;
  /** In scope of the private-access application (directly or through a group). */
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

export function readDirectoryAccount(u: DirectoryUser): DirectoryAccount {
  const groups = Array.isArray(u.groups)
    ? u.groups
        .map((g: unknown) =>
          typeof g === 'string'
            ? g
            : (str((g as { name?: unknown } | null)?.name) ??
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

export function accountById(store: Store, idpId: string, id: string): DirectoryAccount | undefined {
  const user = store.directory.list(idpId).find((u) => u.id === id);
  return user && readDirectoryAccount(user);
}

/** Case-insensitive userName lookup. */
export function accountByUserName(
  store: Store,
  idpId: string,
  userName: string,
): DirectoryAccount | undefined {
  const wanted = userName.trim().toLowerCase();
  if (!wanted) return undefined;
  const user = store.directory.list(idpId).find((u) => u.userName.toLowerCase() === wanted);
  return user && readDirectoryAccount(user);
}

/** Compared against when the user is unknown, so both cases take the same time. */
let decoyHash: string | undefined;

export type PasswordCheck =
  | { ok: true; account: DirectoryAccount }
  | { ok: false; reason: 'invalid_credentials' | 'inactive' | 'not_assigned' };

/**
 * The password first, then the status, so that an inactive or unassigned account is only
 * revealed to its owner. Like Okta and Entra, the IdPs refuse users not assigned to the app.
 */
export function checkPassword(
  store: Store,
  idpId: string,
  userName: string,
  password: string,
): PasswordCheck {
  const account = accountByUserName(store, idpId, userName);
  const hash = account?.passwordHash ?? (decoyHash ??= hashPassword('decoy'));
  const matches = passwordMatches(password, hash);
  if (!account?.passwordHash || !matches) return { ok: false, reason: 'invalid_credentials' };
  if (!account.active) return { ok: false, reason: 'inactive' };
  if (!account.assigned) return { ok: false, reason: 'not_assigned' };
  return { ok: true, account };
}
