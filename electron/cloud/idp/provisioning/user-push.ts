/**
 * One user's push as a job that needs no store: it starts from a snapshot (the directory user,
 * its push record, whether it is in scope) and ends with an outcome (the requests made, and
 * what happened to the record), which the engine applies to the record as stored by then
 * (user-outcome.ts). So the same code runs in the engine's thread for a few users and in the
 * push worker (push-worker.ts) for a big push, beside the SCIM server rather than on its thread.
 */
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type {
  DirectoryUserRecord,
  NewProvisioningLogEntry,
  ProvisioningObject,
  ProvisioningObjectType,
  ProvisioningSettings,
} from '../../store/types.js';
import { pusherOf } from './pushers.js';
import { failedRecord, newRecord, succeededRecord } from './record-transitions.js';
import type { ScimCalls, ScimClient, ScimResult } from './scim-client.js';
import type { PushMode } from './types.js';
import { syncUserWith, type UserSyncSession } from './vendors/user-sync.js';

/** What the engine read for one user when its push started (plain data: it crosses threads). */
export interface UserSnapshot {
  userId: string;
  rec: ProvisioningObject | undefined;
  u: DirectoryUserRecord | undefined;
  /** The user is assigned to the application, directly or through a group. */
  inScope: boolean;
  /** The simulated time when the snapshot was read. */
  now: number;
}

/** The run a user's push belongs to: the IdP, its vendor, the settings the run started with. */
export interface UserPushRun {
  idpId: string;
  vendor: IdpVendor;
  settings: ProvisioningSettings;
  mode: PushMode;
}

/** What happened to a record, in order: the engine replays it on the stored record. */
export type RecordEffect =
  | {
      op: 'succeed';
      type: ProvisioningObjectType;
      id: string;
      name: string;
      res: ScimResult | null;
      operation: string;
      patch: Partial<ProvisioningObject>;
    }
  | {
      op: 'fail';
      type: ProvisioningObjectType;
      id: string;
      name: string;
      res: ScimResult;
      operation: string;
      patch: Partial<ProvisioningObject>;
    }
  | { op: 'remove'; type: ProvisioningObjectType; id: string }
  | { op: 'forgetMember'; scimId: string };

export interface UserOutcome {
  userId: string;
  /** Every request made, for the push log and the cycle's failure count. */
  log: NewProvisioningLogEntry[];
  effects: RecordEffect[];
  visitedUsers: number;
  /** An unexpected error (a bug, not an HTTP failure), for the push log. */
  error: string | null;
}

/** The response without its body: what the records keep (and what crosses threads cheaply). */
const resultFacts = (r: ScimResult): ScimResult => ({
  status: r.status,
  scimType: r.scimType,
  detail: r.detail,
  retryAfterMs: r.retryAfterMs,
  method: r.method,
  path: r.path,
});

/** A user's sync session over a snapshot: reads the snapshot, records effects. */
class SnapshotSession implements UserSyncSession {
  readonly visited = { users: 0 };
  readonly client: ScimCalls;
  readonly outcome: UserOutcome;
  private rec: ProvisioningObject | undefined;
  private readonly startedWall = Date.now();

  constructor(
    private readonly run: UserPushRun,
    private readonly snap: UserSnapshot,
    client: ScimClient,
  ) {
    this.rec = snap.rec;
    this.outcome = { userId: snap.userId, log: [], effects: [], visitedUsers: 0, error: null };
    this.client = client.recordingTo((entry) => this.outcome.log.push(entry));
  }

  get vendor() {
    return this.run.vendor;
  }
  get settings() {
    return this.run.settings;
  }
  get mode() {
    return this.run.mode;
  }
  /** The snapshot's simulated time, moved on by the real time the push took so far. */
  get now() {
    return this.snap.now + (Date.now() - this.startedWall);
  }

  reader() {
    const { userId, u, inScope } = this.snap;
    return {
      user: (id: string) => (id === userId ? u : undefined),
      inScope: (user: DirectoryUserRecord | string | undefined) =>
        inScope && (typeof user === 'string' ? user === userId : user?.id === userId),
    };
  }

  record(type: ProvisioningObjectType, id: string) {
    return type === 'user' && id === this.snap.userId ? this.rec : undefined;
  }

  private keep(type: ProvisioningObjectType, id: string, next: ProvisioningObject | undefined) {
    if (type === 'user' && id === this.snap.userId) this.rec = next;
  }

  succeed(
    type: ProvisioningObjectType,
    id: string,
    name: string,
    res: ScimResult | null,
    operation: string,
    patch: Partial<ProvisioningObject> = {},
  ) {
    const facts = res && resultFacts(res);
    this.outcome.effects.push({ op: 'succeed', type, id, name, res: facts, operation, patch });
    const now = this.now;
    const prev = this.record(type, id) ?? newRecord(type, id, name, now);
    const next = succeededRecord(prev, { name, res: facts, operation, patch, now });
    this.keep(type, id, next);
    return next;
  }

  fail(
    type: ProvisioningObjectType,
    id: string,
    name: string,
    res: ScimResult,
    operation: string,
    patch: Partial<ProvisioningObject> = {},
  ) {
    const facts = resultFacts(res);
    this.outcome.effects.push({ op: 'fail', type, id, name, res: facts, operation, patch });
    const now = this.now;
    const prev = this.record(type, id) ?? newRecord(type, id, name, now);
    // The retry time is the engine's to decide, when it applies the failure.
    const next = failedRecord(prev, { name, res: facts, operation, patch, now, retryAt: null });
    this.keep(type, id, next);
    return next;
  }

  remove(type: ProvisioningObjectType, id: string) {
    this.outcome.effects.push({ op: 'remove', type, id });
    this.keep(type, id, undefined);
  }

  forgetMember(scimId: string) {
    this.outcome.effects.push({ op: 'forgetMember', scimId });
  }
}

/** Pushes one user (the vendor's user sync) and returns what happened; never throws. */
export async function pushUser(
  run: UserPushRun,
  snap: UserSnapshot,
  client: ScimClient,
): Promise<UserOutcome> {
  const s = new SnapshotSession(run, snap, client);
  try {
    await syncUserWith(pusherOf(run.vendor).users, s, snap.userId);
  } catch (e) {
    console.error(`Provisioning error (IdP ${run.idpId}, user:${snap.userId}):`, e);
    s.outcome.error = String(e);
  }
  s.outcome.visitedUsers = s.visited.users;
  return s.outcome;
}
