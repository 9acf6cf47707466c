/**
 * The one table of error codes (shared/docs/architecture.md §3 "Errors"): code → title, message,
 * cause, remedy for the user and for the admin, audience, and the state it puts the client in.
 */
import { CLIENT_CODES, CODE_FAMILIES } from './client-codes.js';
import { isErrorCode, type ErrorCode } from './codes.js';
import {
  SCIM_INACTIVE,
  SCIM_INACTIVE_REASON_ALIASES,
  SCIM_INACTIVE_VARIANTS,
  SCIM_NOT_SYNCED_BY_VENDOR,
  SESSION_CODES,
} from './session-codes.js';
import type { ErrorEntry } from './types.js';
import { ZCC_CODES } from './zcc-codes.js';

export const ERROR_ENTRIES: readonly ErrorEntry[] = [
  ...ZCC_CODES,
  ...SESSION_CODES,
  ...CLIENT_CODES,
];

/**
 * Every listed code → its entry (the base entry where a code has reason variants). Keyed by
 * `ErrorCode`: the completeness test checks that no code of shared/errors/codes.ts lacks one.
 */
export const ERROR_CATALOG: Readonly<Record<ErrorCode, ErrorEntry>> = Object.freeze(
  Object.fromEntries(ERROR_ENTRIES.map((e) => [e.code, e])) as Record<ErrorCode, ErrorEntry>,
);

/** Codes with reason variants: code → reason → entry. */
export const ERROR_VARIANTS: Readonly<
  Partial<Record<ErrorCode, Readonly<Record<string, ErrorEntry>>>>
> = {
  [SCIM_INACTIVE]: SCIM_INACTIVE_VARIANTS,
};

/** Variants that differ by the session's IdP vendor: `code|reason` → vendor → entry. */
const VENDOR_VARIANTS: Readonly<Record<string, Readonly<Record<string, ErrorEntry>>>> = {
  [`${SCIM_INACTIVE}|not_synced`]: SCIM_NOT_SYNCED_BY_VENDOR,
};

const REASON_ALIASES: Partial<Record<ErrorCode, Record<string, string>>> = {
  [SCIM_INACTIVE]: SCIM_INACTIVE_REASON_ALIASES,
};

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Whether `code` has an entry of its own (listed, or in a code family such as HTTP_503). */
export function isCatalogCode(code: string): boolean {
  return isErrorCode(code) || CODE_FAMILIES.some((f) => f.pattern.test(code));
}

/** The reason variant the catalog knows for `code`, after aliases (`absent` → `not_synced`). */
export function canonicalReason(code: string, reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  const aliases = (isErrorCode(code) && REASON_ALIASES[code]) || {};
  return has(aliases, reason) ? aliases[reason] : reason;
}

/**
 * The entry for a code (and reason variant, when it has one; and the IdP vendor's variant, for
 * a reason whose cause and fix depend on the IdP). Never fails: an unknown code gets
 * a generic entry that names it, so the UI can always show something and the admin can search
 * for the code.
 */
export function describeError(code: string, reason?: string, vendor?: string): ErrorEntry {
  if (isErrorCode(code)) {
    const variants = ERROR_VARIANTS[code];
    const canonical = canonicalReason(code, reason);
    const byVendor = vendor !== undefined ? VENDOR_VARIANTS[`${code}|${canonical}`] : undefined;
    if (byVendor && vendor !== undefined && has(byVendor, vendor)) return byVendor[vendor]!;
    if (variants && canonical !== undefined && has(variants, canonical))
      return variants[canonical]!;
    return ERROR_CATALOG[code];
  }
  const family = CODE_FAMILIES.find((f) => f.pattern.test(code));
  if (family) return family.entry(code);
  return unknownEntry(code);
}

function unknownEntry(code: string): ErrorEntry {
  const shown = code.trim() === '' ? '(no code)' : code;
  return {
    code,
    family: 'client',
    title: `Unexpected error ${shown}`,
    message: `Something went wrong (error ${shown}). Click Retry; if it persists, contact your administrator.`,
    cause: `The client received the code ${shown}, which it does not know.`,
    userAction:
      'Click Retry. If it persists, export the logs and contact your administrator with this code.',
    adminAction: `Look up ${shown} in the cloud's logs or contact support with the exported logs.`,
    audience: 'support',
  };
}

export interface DetailsContext {
  /** When it happened: epoch ms, a Date or an ISO string. */
  at: number | string | Date;
  user?: string | null;
  idp?: string | null;
  /** The application concerned, if any. */
  app?: string | null;
  /** The raw message that came with the code (from the cloud or the client). */
  detail?: string | null;
  deviceId?: string | null;
  clientVersion?: string | null;
}

function isoTime(at: DetailsContext['at']): string {
  const date = at instanceof Date ? at : new Date(at);
  return Number.isNaN(date.getTime()) ? String(at) : date.toISOString();
}

/**
 * Plain text for "Copy details": what the user pastes into a ticket or a chat with the admin.
 */
export function copyableDetails(entry: ErrorEntry, context: DetailsContext): string {
  const lines: [string, string | null | undefined][] = [
    ['Error code', entry.reason ? `${entry.code} (${entry.reason})` : entry.code],
    ['Title', entry.title],
    ['Message', entry.message],
    ['Time', isoTime(context.at)],
    ['User', context.user || 'not signed in'],
    ['Identity provider', context.idp || 'unknown'],
    ['Application', context.app],
    ['Device', context.deviceId],
    ['Client version', context.clientVersion],
    ['Diagnostics name', entry.displayName],
    ['Status class', entry.statusClass],
    ['Cause', entry.cause],
    ['What you can do', entry.userAction],
    ['What to tell your administrator', entry.adminAction],
    ['Details', context.detail],
  ];
  return lines
    .filter((line): line is [string, string] => typeof line[1] === 'string' && line[1] !== '')
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');
}
