/**
 * How a push record changes with the outcome of a request: pure functions of the record before,
 * shared by the engine (which applies them to the record as stored at that moment) and a user's
 * push (which keeps its own copy while it runs, possibly in the push worker).
 */
import type { ProvisioningObject, ProvisioningObjectType } from '../../store/types.js';
import type { ScimResult } from './scim-client.js';

/** Back-off of automatic retries after a transient failure (no response, 429, 5xx). */
export function retryDelayMs(
  attempts: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  // From the second attempt on, spread the retries so that throttled pushes do not all come
  // back in the same instant.
  const jitter = attempts > 1 ? Math.round(random() * 500 * Math.min(attempts - 1, 10)) : 0;
  if (retryAfterMs !== null) return Math.max(250, retryAfterMs) + jitter;
  return Math.min(10 * 60_000, 2_000 * 2 ** Math.max(0, attempts - 1)) + jitter;
}

/** The record of an object the push client has not handled yet. */
export function newRecord(
  type: ProvisioningObjectType,
  id: string,
  name: string,
  now: number,
): ProvisioningObject {
  return {
    type,
    id,
    name,
    state: 'pending',
    scimId: null,
    pushed: null,
    ...(type === 'group' ? { members: [] } : {}),
    message: null,
    lastResult: null,
    attempts: 0,
    retryAt: null,
    since: now,
    updatedAt: now,
  };
}

export const resultOf = (res: ScimResult, operation: string, now: number) => ({
  at: now,
  operation,
  method: res.method,
  path: res.path,
  status: res.status,
  scimType: res.scimType,
  detail: res.detail,
});

/** A success: the new state (provisioned unless given), what was pushed, the last response. */
export function succeededRecord(
  prev: ProvisioningObject,
  o: {
    name: string;
    res: ScimResult | null;
    operation: string;
    patch: Partial<ProvisioningObject>;
    now: number;
  },
): ProvisioningObject {
  const state = o.patch.state ?? 'provisioned';
  return {
    ...prev,
    ...o.patch,
    name: o.name,
    state,
    message: o.patch.message ?? null,
    lastResult: o.res ? resultOf(o.res, o.operation, o.now) : prev.lastResult,
    attempts: 0,
    retryAt: null,
    since: state !== prev.state ? o.now : prev.since,
    updatedAt: o.now,
  };
}

/** A failure, retried at `retryAt` (null: not automatically). */
export function failedRecord(
  prev: ProvisioningObject,
  o: {
    name: string;
    res: ScimResult;
    operation: string;
    patch: Partial<ProvisioningObject>;
    now: number;
    retryAt: number | null;
  },
): ProvisioningObject {
  const { res } = o;
  const what = res.status === 0 ? 'no response' : `HTTP ${res.status}`;
  return {
    ...prev,
    ...o.patch,
    name: o.name,
    state: 'failed',
    message: `${o.operation} failed: ${what}${res.scimType ? ` ${res.scimType}` : ''}${res.detail ? `: ${res.detail}` : ''}`,
    lastResult: resultOf(res, o.operation, o.now),
    attempts: prev.attempts + 1,
    retryAt: o.retryAt,
    since: prev.state !== 'failed' ? o.now : prev.since,
    updatedAt: o.now,
  };
}
