import { describe, expect, it } from 'vitest';
import {
  newUserRecord,
  OUT_OF_SYNC_MESSAGE,
  oktaUserTransition,
  type OktaUserEvent,
  type OktaUserFacts,
} from '../../../electron/cloud/idp/provisioning/okta-rules.js';
import type { ProvisioningObject } from '../../../electron/cloud/store/types.js';

const facts = (over: Partial<OktaUserFacts> = {}): OktaUserFacts => ({
  id: '00ualice',
  name: 'alice@acme.example',
  active: true,
  inScope: true,
  provisionOutOfSyncUsers: false,
  now: 1000,
  ...over,
});

const outOfSync = () => newUserRecord('00ualice', 'alice@acme.example', 'out_of_sync', 1);
const provisioned = (): ProvisioningObject => ({
  ...newUserRecord('00ualice', 'alice@acme.example', 'pending', 1),
  state: 'provisioned',
  scimId: 'scim-1',
  pushed: { userName: 'alice@acme.example', active: true },
});

/** Replays events on one user's record, as the provisioning service applies them. */
function replay(
  events: OktaUserEvent[],
  f: (e: OktaUserEvent) => OktaUserFacts,
  start?: ProvisioningObject,
) {
  let rec = start;
  let enqueued = 0;
  for (const e of events) {
    const d = oktaUserTransition(rec, e, f(e));
    if (d.record === null) rec = undefined;
    else if (d.record) rec = d.record;
    if (d.enqueue) enqueued++;
  }
  return { rec, enqueued };
}

describe('Okta: users assigned before provisioning was enabled', () => {
  it("enabling provisioning flags an assigned user out of sync, with Okta's message, and pushes nothing", () => {
    const d = oktaUserTransition(undefined, 'enabled', facts());
    expect(d.enqueue).toBe(false);
    expect(d.record).toMatchObject({
      id: '00ualice',
      state: 'out_of_sync',
      scimId: null,
      message: OUT_OF_SYNC_MESSAGE,
    });
  });

  it('the flag alone changes nothing, and neither do profile changes or deactivation', () => {
    for (const e of ['changed', 'deactivated', 'reactivated', 'left'] as const) {
      const d = oktaUserTransition(outOfSync(), e, facts({ provisionOutOfSyncUsers: true }));
      expect(d).toEqual({ record: undefined, enqueue: false });
    }
  });

  it('without PROVISION_OUT_OF_SYNC_USERS, unassign + reassign leaves the user out of sync', () => {
    const { rec, enqueued } = replay(
      ['left', 'entered'],
      (e) => facts({ inScope: e === 'entered' }),
      outOfSync(),
    );
    expect(enqueued).toBe(0);
    expect(rec?.state).toBe('out_of_sync');
  });

  it('with the flag, unassign + reassign queues a fresh create', () => {
    const { rec, enqueued } = replay(
      ['left', 'entered'],
      (e) => facts({ inScope: e === 'entered', provisionOutOfSyncUsers: true }),
      outOfSync(),
    );
    expect(enqueued).toBe(1);
    expect(rec).toMatchObject({ state: 'pending', scimId: null, message: null });
  });

  it('with the flag, a reassignment of a deactivated user does not push it', () => {
    const d = oktaUserTransition(
      outOfSync(),
      'entered',
      facts({ active: false, provisionOutOfSyncUsers: true }),
    );
    expect(d).toEqual({ record: undefined, enqueue: false });
  });

  it('Provision User works without the flag, for an assigned active user only', () => {
    const d = oktaUserTransition(outOfSync(), 'provision', facts());
    expect(d.enqueue).toBe(true);
    expect(d.record).toMatchObject({ state: 'pending', message: null });
    expect(oktaUserTransition(outOfSync(), 'provision', facts({ inScope: false }))).toEqual({
      record: undefined,
      enqueue: false,
    });
  });

  it('a user deleted from the directory loses its out-of-sync record', () => {
    expect(
      oktaUserTransition(outOfSync(), 'deleted', facts({ inScope: false, active: false })),
    ).toEqual({
      record: null,
      enqueue: false,
    });
  });

  it('with the flag set before provisioning is enabled, enabling pushes the assigned user', () => {
    const d = oktaUserTransition(undefined, 'enabled', facts({ provisionOutOfSyncUsers: true }));
    expect(d.enqueue).toBe(true);
    expect(d.record).toMatchObject({ state: 'pending', message: null });
  });

  it('a deactivated assigned user is not flagged when provisioning is enabled', () => {
    expect(oktaUserTransition(undefined, 'enabled', facts({ active: false }))).toEqual({
      record: undefined,
      enqueue: false,
    });
  });
});

describe('Okta: after provisioning was enabled', () => {
  it('a new assignment is queued for a push at once', () => {
    const d = oktaUserTransition(undefined, 'entered', facts());
    expect(d.enqueue).toBe(true);
    expect(d.record).toMatchObject({ state: 'pending', scimId: null });
  });

  it('an unassigned user with nothing pushed is not tracked', () => {
    expect(oktaUserTransition(undefined, 'changed', facts({ inScope: false }))).toEqual({
      record: undefined,
      enqueue: false,
    });
  });

  it('a provisioned user is queued on every change, and re-enabling reconciles it', () => {
    for (const e of [
      'changed',
      'left',
      'deactivated',
      'reactivated',
      'entered',
      'enabled',
    ] as const) {
      expect(oktaUserTransition(provisioned(), e, facts())).toEqual({
        record: undefined,
        enqueue: true,
      });
    }
  });

  it('a failed user is retried when reassigned; a lost one (404) is created again by Provision User', () => {
    const failed: ProvisioningObject = {
      ...provisioned(),
      state: 'failed',
      attempts: 2,
      lastResult: {
        at: 1,
        operation: 'update',
        method: 'GET',
        path: '/Users/scim-1',
        status: 404,
        scimType: null,
        detail: 'User scim-1 not found.',
      },
    };
    expect(oktaUserTransition(failed, 'entered', facts()).record).toMatchObject({
      state: 'pending',
      attempts: 0,
      scimId: 'scim-1',
    });
    expect(oktaUserTransition(failed, 'provision', facts()).record).toMatchObject({
      state: 'pending',
      scimId: null,
      pushed: null,
    });
  });
});
