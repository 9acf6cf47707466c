import type { IdpVendor } from '../../../../shared/model/idp.js';
import type {
  ProvisioningObject,
  ProvisioningObjectType,
  ProvisioningSettings,
} from '../../store/types.js';
import type { DirectoryReader } from '../directory/reader.js';
import { groupKey, type ProvisioningService } from './provisioning-service.js';
import { isOktaLike } from './vendor-state.js';
import { isTransient, type ScimClient, type ScimResponse } from './scim-client.js';
import type { PushMode } from './types.js';

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

/**
 * One run of a push client against one IdP's target (an Okta drain of queued objects, an Entra
 * cycle, a Ping poll): the client, the settings it started with, and the bookkeeping of every
 * object's outcome.
 */
export class PushSession {
  calls = 0;
  failures = 0;
  /** Objects the session touched (for cycle summaries). */
  readonly visited = { users: 0, groups: 0 };
  /** "user:id" / "group:id" of the objects whose last outcome in this session was a failure. */
  readonly failedKeys = new Set<string>();

  constructor(
    readonly service: ProvisioningService,
    readonly idpId: string,
    readonly vendor: IdpVendor,
    readonly settings: ProvisioningSettings,
    readonly client: ScimClient,
    readonly mode: PushMode,
    readonly isClosing: () => boolean,
  ) {}

  get now(): number {
    return this.service.clock.now();
  }

  reader(): DirectoryReader {
    return this.service.directory.reader(this.idpId);
  }

  record(type: ProvisioningObjectType, id: string): ProvisioningObject | undefined {
    return this.service.object(this.idpId, type, id);
  }

  /** Counts a request toward the cycle's failure ratio (Entra quarantine). */
  noteCall(status: number) {
    this.calls++;
    if (status === 0 || status >= 400) this.failures++;
  }

  private base(type: ProvisioningObjectType, id: string, name: string): ProvisioningObject {
    const now = this.now;
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

  /**
   * Records a success: the object's new state (provisioned unless given), what was pushed, the
   * last response. Reads the record afresh, so transitions made meanwhile are kept.
   */
  succeed(
    type: ProvisioningObjectType,
    id: string,
    name: string,
    res: ScimResponse | null,
    operation: string,
    patch: Partial<ProvisioningObject> = {},
  ): ProvisioningObject {
    const current = this.record(type, id);
    const prev = current ?? this.base(type, id, name);
    const state = patch.state ?? 'provisioned';
    const now = this.now;
    const next: ProvisioningObject = {
      ...prev,
      ...patch,
      name,
      state,
      message: patch.message ?? null,
      lastResult: res ? this.result(res, operation) : prev.lastResult,
      attempts: 0,
      retryAt: null,
      since: state !== prev.state ? now : prev.since,
      updatedAt: now,
    };
    this.service.saveObject(this.idpId, next, current ?? null);
    this.failedKeys.delete(`${type}:${id}`);
    if (
      type === 'user' &&
      (prev.scimId !== next.scimId ||
        (prev.pushed?.active ?? null) !== (next.pushed?.active ?? null))
    ) {
      this.touchGroupsOf(id);
    }
    return next;
  }

  /** Records a failure; transient ones are retried automatically by event-driven clients. */
  fail(
    type: ProvisioningObjectType,
    id: string,
    name: string,
    res: ScimResponse,
    operation: string,
    patch: Partial<ProvisioningObject> = {},
  ): ProvisioningObject {
    const current = this.record(type, id);
    const prev = current ?? this.base(type, id, name);
    const attempts = prev.attempts + 1;
    const now = this.now;
    const retry =
      isOktaLike(this.vendor) && isTransient(res) && !this.isClosing()
        ? now + retryDelayMs(attempts, res.retryAfterMs)
        : null;
    const what = res.status === 0 ? 'no response' : `HTTP ${res.status}`;
    const next: ProvisioningObject = {
      ...prev,
      ...patch,
      name,
      state: 'failed',
      message: `${operation} failed: ${what}${res.scimType ? ` ${res.scimType}` : ''}${res.detail ? `: ${res.detail}` : ''}`,
      lastResult: this.result(res, operation),
      attempts,
      retryAt: retry,
      since: prev.state !== 'failed' ? now : prev.since,
      updatedAt: now,
    };
    this.service.saveObject(this.idpId, next, current ?? null);
    this.failedKeys.add(`${type}:${id}`);
    return next;
  }

  remove(type: ProvisioningObjectType, id: string) {
    this.service.removeObject(this.idpId, type, id);
  }

  result(res: ScimResponse, operation: string) {
    return {
      at: this.now,
      operation,
      method: res.method,
      path: res.path,
      status: res.status,
      scimType: res.scimType,
      detail: res.detail,
    };
  }

  /** Group pushes follow a member's provisioning (only provisioned members are pushed). */
  touchGroupsOf(userId: string) {
    for (const g of this.reader().groupIdsOf(userId)) {
      if (this.record('group', g)) this.service.enqueue(this.idpId, groupKey(g));
    }
  }

  /** Forgets a deleted SCIM user in the member lists of the group records. */
  forgetMember(scimId: string) {
    for (const rec of this.service.store.provisioning.objects(this.idpId, 'group')) {
      if (rec.members?.includes(scimId)) {
        this.service.saveObject(
          this.idpId,
          { ...rec, members: rec.members.filter((m) => m !== scimId) },
          rec,
        );
      }
    }
  }
}
