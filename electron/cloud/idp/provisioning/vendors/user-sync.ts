/**
 * The one user sync every vendor's SCIM client runs: match or create a wanted user, update a
 * linked one, deprovision one that left. What differs between Okta, Entra ID and PingFederate
 * (request shapes, labels, when to re-match, delete or disable) is data and hooks of a
 * `UserDialect`.
 */
import type { IdpVendor } from '../../../../../shared/model/idp.js';
import type {
  DirectoryUserRecord,
  ProvisioningObject,
  ProvisioningObjectType,
  ProvisioningSettings,
} from '../../../store/types.js';
import type { DirectoryReader } from '../../directory/reader.js';
import { isOk, type ScimCalls, type ScimResponse, type ScimResult } from '../scim-client.js';
import { pushedFromScim, type PushedUser } from '../shapes.js';
import type { PushMode } from '../types.js';

import { type Json, matchUser, pushedOf, userMeta, wantedUser } from './common.js';

/**
 * What a user's sync reads and records: the directory user and its push record as they were
 * when the push of the user started, the requests, and the outcomes (user-push.ts keeps them
 * for the engine, which applies them to the records as stored by then).
 */
export interface UserSyncSession {
  readonly vendor: IdpVendor;
  readonly settings: ProvisioningSettings;
  readonly mode: PushMode;
  readonly client: ScimCalls;
  /** The simulated time. */
  readonly now: number;
  readonly visited: { users: number };
  reader(): Pick<DirectoryReader, 'user' | 'inScope'>;
  record(type: ProvisioningObjectType, id: string): ProvisioningObject | undefined;
  succeed(
    type: ProvisioningObjectType,
    id: string,
    name: string,
    res: ScimResult | null,
    operation: string,
    patch?: Partial<ProvisioningObject>,
  ): ProvisioningObject;
  fail(
    type: ProvisioningObjectType,
    id: string,
    name: string,
    res: ScimResult,
    operation: string,
    patch?: Partial<ProvisioningObject>,
  ): ProvisioningObject;
  remove(type: ProvisioningObjectType, id: string): void;
  /** Forgets a deleted SCIM user in the member lists of the group records. */
  forgetMember(scimId: string): void;
}

/** One user's sync: the session, the user (if it still exists) and its provisioning record. */
export interface UserSync {
  s: UserSyncSession;
  userId: string;
  name: string;
  rec: ProvisioningObject | undefined;
  u: DirectoryUserRecord | undefined;
}

/** A linked user: its record has a SCIM id. */
export type LinkedUserSync = UserSync & { rec: ProvisioningObject & { scimId: string } };

export interface UserDialect {
  /** Leave the user alone this time (Okta: no queued record, or marked out of sync). */
  skip?(rec: ProvisioningObject | undefined): boolean;
  /** Count the user in the session's summary (cycle-based clients). */
  countsVisit: boolean;
  /** Delete users hard-deleted in the directory before anything else (Entra ID). */
  deletesHardDeleted?(c: UserSync): boolean;
  /** The client may create users (Okta: To App > Create Users); absent: always. */
  creates?(s: UserSyncSession): boolean;
  /** Query-string suffix of the match request. */
  matchSuffix: string;
  /** Match again even a linked user in an initial cycle. */
  rematchInInitialCycle: boolean;
  /** What the target should hold for a wanted user. */
  pushed(s: UserSyncSession, u: DirectoryUserRecord): PushedUser;
  createBody(s: UserSyncSession, u: DirectoryUserRecord, pushed: PushedUser): object;
  /** The failure detail when a create answers without an id (else the response as is). */
  emptyCreateDetail?: string;
  /** A match found the user in the target: take it over. */
  link(
    c: UserSync & { u: DirectoryUserRecord },
    found: Json,
    res: ScimResponse,
    pushed: PushedUser,
  ): Promise<void>;
  /** A linked, wanted user: bring the target up to date. */
  update(c: LinkedUserSync & { u: DirectoryUserRecord }, pushed: PushedUser): Promise<void>;
  /** The user left: how the client deprovisions it. */
  leave: {
    /** The record is kept when the user has no SCIM id (else it is removed). */
    keepsUnlinked?(c: UserSync): boolean;
    /** Deprovision by other means than disabling (true when done). */
    instead?(c: LinkedUserSync): Promise<boolean>;
    /** Drop the record once the user is disabled (the user is gone from the directory). */
    forgetsDisabled?(c: UserSync): boolean;
    label: 'deactivate' | 'disable';
    ops(s: UserSyncSession, before: Partial<PushedUser> | null): object[];
  };
}

export async function syncUserWith(
  d: UserDialect,
  s: UserSyncSession,
  userId: string,
): Promise<void> {
  const rec = s.record('user', userId);
  if (d.skip?.(rec)) return;
  const reader = s.reader();
  const u = reader.user(userId);
  const c: UserSync = { s, userId, name: u?.userName ?? rec?.name ?? userId, rec, u };
  if (d.countsVisit) s.visited.users++;
  if (d.deletesHardDeleted?.(c)) {
    await deleteUser(c, true);
    return;
  }

  if (u && wantedUser(reader, u)) {
    const pushed = d.pushed(s, u);
    if (!rec?.scimId && d.creates?.(s) === false) {
      // Nothing is created: the user is not tracked (a later change or assignment is new).
      if (rec) s.remove('user', userId);
      return;
    }
    if (!rec?.scimId || (d.rematchInInitialCycle && s.mode === 'initial')) {
      return matchOrCreate(d, { ...c, u }, pushed);
    }
    return d.update({ ...c, u, rec: rec as LinkedUserSync['rec'] }, pushed);
  }
  return leave(d, c);
}

async function matchOrCreate(
  d: UserDialect,
  c: UserSync & { u: DirectoryUserRecord },
  pushed: PushedUser,
) {
  const { s, userId, name, u } = c;
  const m = await matchUser(s, u, d.matchSuffix);
  if (m.failed) return void s.fail('user', userId, name, m.res, 'match');
  if (m.found) return d.link(c, m.found, m.res, pushed);
  const created = await s.client.post(
    '/Users',
    d.createBody(s, u, pushed),
    userMeta(userId, name, 'create'),
  );
  if (!isOk(created)) return void s.fail('user', userId, name, created, 'create');
  if (!created.body?.id) {
    const res = d.emptyCreateDetail ? { ...created, detail: d.emptyCreateDetail } : created;
    return void s.fail('user', userId, name, res, 'create');
  }
  s.succeed('user', userId, name, created, 'create', { scimId: created.body.id, pushed });
}

/** DELETE the user in the target; `forget` also drops the record once it is gone. */
export async function deleteUser(c: UserSync, forget: boolean): Promise<boolean> {
  const { s, userId, name, rec } = c;
  if (rec?.scimId) {
    const del = await s.client.delete(`/Users/${rec.scimId}`, userMeta(userId, name, 'delete'));
    if (!isOk(del) && del.status !== 404) {
      s.fail('user', userId, name, del, 'delete');
      return false;
    }
    s.forgetMember(rec.scimId);
    if (!forget) {
      s.succeed('user', userId, name, del, 'delete', {
        state: 'deprovisioned',
        scimId: null,
        pushed: null,
      });
      return true;
    }
  }
  if (rec) s.remove('user', userId);
  return true;
}

async function leave(d: UserDialect, c: UserSync) {
  const { s, userId, name, rec } = c;
  if (!rec) return;
  if (!rec.scimId) {
    if (!d.leave.keepsUnlinked?.(c)) s.remove('user', userId);
    return;
  }
  if (await d.leave.instead?.(c as LinkedUserSync)) return;
  const before = pushedOf(rec);
  if (before?.active !== false) {
    const label = d.leave.label;
    const r = await s.client.patch(
      `/Users/${rec.scimId}`,
      d.leave.ops(s, before),
      userMeta(userId, name, label),
    );
    if (!isOk(r)) return void s.fail('user', userId, name, r, label);
    s.succeed('user', userId, name, r, label, {
      state: 'deprovisioned',
      pushed: { ...before, active: false },
    });
  }
  // The disabled user stays in the target (and in its groups until the next group sync).
  if (d.leave.forgetsDisabled?.(c)) return void s.remove('user', userId);
  if (before?.active === false && rec.state !== 'deprovisioned') {
    s.succeed('user', userId, name, null, d.leave.label, { state: 'deprovisioned' });
  }
}

/**
 * Link and update for clients that send one request (or none) to bring a user up to date
 * (Entra ID, PingFederate): `request` answers null when nothing changed.
 */
export function updateByRequest(
  request: (
    c: UserSync & { u: DirectoryUserRecord },
    scimId: string,
    before: Partial<PushedUser> | null,
    pushed: PushedUser,
  ) => Promise<ScimResponse | null>,
): Pick<UserDialect, 'link' | 'update'> {
  return {
    async link(c, found, res, pushed) {
      const { s, userId, name } = c;
      const r = await request(c, found.id, pushedFromScim(found), pushed);
      if (r && !isOk(r)) {
        return void s.fail('user', userId, name, r, 'update', { scimId: found.id });
      }
      s.succeed('user', userId, name, r ?? res, r ? 'update' : 'match', {
        scimId: found.id,
        pushed,
      });
    },
    async update(c, pushed) {
      const { s, userId, name, rec } = c;
      const r = await request(c, rec.scimId, pushedOf(rec), pushed);
      if (r && !isOk(r)) return void s.fail('user', userId, name, r, 'update');
      if (r || rec.state !== 'provisioned')
        s.succeed('user', userId, name, r, 'update', { pushed });
    },
  };
}
