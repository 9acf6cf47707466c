import type { IdpVendor } from '../../../../shared/model/idp.js';
import type {
  ProvisioningObject,
  ProvisioningObjectType,
  ProvisioningSettings,
} from '../../store/types.js';
import type { DirectoryReader } from '../directory/reader.js';
import { groupKey, type ProvisioningService } from './provisioning-service.js';
import { failedRecord, newRecord, retryDelayMs, succeededRecord } from './record-transitions.js';
import { isOktaLike } from './vendor-state.js';
import { isTransient, type ScimCalls, type ScimResult } from './scim-client.js';
import type { PushMode } from './types.js';

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
    readonly client: ScimCalls,
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

  /**
   * Records a success: the object's new state (provisioned unless given), what was pushed, the
   * last response. Reads the record afresh, so transitions made meanwhile are kept.
   */
  succeed(
    type: ProvisioningObjectType,
    id: string,
    name: string,
    res: ScimResult | null,
    operation: string,
    patch: Partial<ProvisioningObject> = {},
  ): ProvisioningObject {
    const current = this.record(type, id);
    const now = this.now;
    const prev = current ?? newRecord(type, id, name, now);
    const next = succeededRecord(prev, { name, res, operation, patch, now });
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
    res: ScimResult,
    operation: string,
    patch: Partial<ProvisioningObject> = {},
  ): ProvisioningObject {
    const current = this.record(type, id);
    const now = this.now;
    const prev = current ?? newRecord(type, id, name, now);
    const retryAt =
      isOktaLike(this.vendor) && isTransient(res) && !this.isClosing()
        ? now + retryDelayMs(prev.attempts + 1, res.retryAfterMs)
        : null;
    const next = failedRecord(prev, { name, res, operation, patch, now, retryAt });
    this.service.saveObject(this.idpId, next, current ?? null);
    this.failedKeys.add(`${type}:${id}`);
    return next;
  }

  remove(type: ProvisioningObjectType, id: string) {
    this.service.removeObject(this.idpId, type, id);
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
