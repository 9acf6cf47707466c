/**
 * Enrollment and authentication error codes as the real client shows them (domain.md §1.4).
 * Kept for existing importers: the entries are those of the catalog (./catalog.ts), which also
 * holds the session status codes and the client's own codes. New code should use describeError.
 */
import type { ErrorEntry } from './types.js';
import { ZCC_CODES } from './zcc-codes.js';

/** A catalog entry (code, title, message, cause, userAction, adminAction, audience, ...). */
export type AuthCodeEntry = ErrorEntry;

export const AUTH_CODES: Readonly<Record<string, AuthCodeEntry>> = Object.freeze(
  Object.fromEntries(ZCC_CODES.map((e) => [e.code, e])),
);
