import type { CallResult } from '../../shared/contract/connector-contract';
import { CODES } from '../../shared/errors/codes';

/** Code for failures of the bridge itself (the catalog's generic internal error). */
export const BRIDGE_FAILURE_CODE = CODES.INTERNAL;

export const failure = (code: string, message: string): CallResult<never> => ({
  ok: false,
  error: { code, message },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Whatever crossed the process boundary, as a CallResult: a well-formed envelope is kept as is
 * (its error code survives), anything else becomes an INTERNAL failure that says so.
 */
export function toEnvelope<T = unknown>(raw: unknown): CallResult<T> {
  if (isObject(raw) && raw.ok === true) return { ok: true, value: raw.value as T };
  if (isObject(raw) && raw.ok === false && isObject(raw.error)) {
    const { code, message } = raw.error;
    if (typeof code === 'string' && code !== '') {
      return failure(code, typeof message === 'string' ? message : '');
    }
  }
  return failure(BRIDGE_FAILURE_CODE, 'The Client Connector service sent a malformed answer.');
}

/** A thrown value as a failure, keeping a `code` it carries (e.g. a ContractError). */
export function thrownToFailure(e: unknown): CallResult<never> {
  const code = isObject(e) && typeof e.code === 'string' && e.code !== '' ? e.code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  return failure(code ?? BRIDGE_FAILURE_CODE, message);
}
