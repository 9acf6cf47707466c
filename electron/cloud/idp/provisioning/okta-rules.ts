/**
 * Okta's rules for which assigned users get pushed (shared/docs/domain.md §1.8, §3.1), as pure
 * functions over the push record of one user. Okta is event-driven: what it does depends on what
 * just happened (provisioning switched on, user assigned, unassigned, changed...), not only on
 * the state, so these take the event.
 *
 * The rule behind the Okta sync error: users assigned before provisioning was enabled are not
 * pushed when it is enabled; Okta flags them with OUT_OF_SYNC_MESSAGE. "Provision User" pushes
 * one. With the org flag PROVISION_OUT_OF_SYNC_USERS, unassigning and reassigning pushes them
 * (GET filter, then POST).
 *
 * Inference (not in Okta's documentation; domain.md §1.8, README "Reproducing the Okta sync
 * connection error"): PROVISION_OUT_OF_SYNC_USERS lets Okta provision assignments it would
 * otherwise flag, but Okta acts on events only:
 * - set before provisioning is enabled, the users already assigned are provisioned when it is
 *   enabled (nobody is flagged);
 * - set afterwards, it changes nothing by itself; the unassign + reassign of Zscaler's fix is the
 *   event that makes Okta push the flagged users. Without the flag the reassignment alone leaves
 *   them out of sync (Zscaler's fix needs both steps, which only makes sense if one is not enough),
 *   so Okta remembers the out-of-sync user across the unassignment; while unassigned it is not
 *   shown flagged (the flag is on the assignment, status-view.ts).
 */
import type { ProvisioningObject } from '../../store/provisioning-types.js';

export const OUT_OF_SYNC_MESSAGE =
  'User was assigned this application before Provisioning was enabled and not provisioned in the downstream application. Click Provision User.';

export type OktaUserEvent =
  /** Provisioning was switched on while the user was assigned. */
  | 'enabled'
  /** The user became assigned (directly or through a group). */
  | 'entered'
  /** The user's assignment ended. */
  | 'left'
  | 'changed'
  | 'deactivated'
  | 'reactivated'
  /** Deleted from the directory for good. */
  | 'deleted'
  /** An admin clicked Provision User. */
  | 'provision';

export interface OktaUserFacts {
  /** Directory id of the user. */
  id: string;
  /** The user exists in the directory, is not deleted, and is active. */
  active: boolean;
  /** The user is assigned to the application (directly or through an assigned group). */
  inScope: boolean;
  /** PROVISION_OUT_OF_SYNC_USERS. */
  provisionOutOfSyncUsers: boolean;
  name: string;
  now: number;
}

export interface OktaUserDecision {
  /** The new record; undefined keeps the current one, null removes it. */
  record: ProvisioningObject | null | undefined;
  /** Queue the user for a push (the pusher reconciles it with the directory). */
  enqueue: boolean;
}

const keep: OktaUserDecision = { record: undefined, enqueue: false };

export function newUserRecord(
  id: string,
  name: string,
  state: 'pending' | 'out_of_sync',
  now: number,
): ProvisioningObject {
  return {
    type: 'user',
    id,
    name,
    state,
    scimId: null,
    pushed: null,
    message: state === 'out_of_sync' ? OUT_OF_SYNC_MESSAGE : null,
    lastResult: null,
    attempts: 0,
    retryAt: null,
    since: now,
    updatedAt: now,
  };
}

const toPending = (r: ProvisioningObject, now: number): ProvisioningObject => ({
  ...r,
  state: 'pending',
  message: null,
  attempts: 0,
  retryAt: null,
  since: now,
  updatedAt: now,
});

export function oktaUserTransition(
  record: ProvisioningObject | undefined,
  event: OktaUserEvent,
  facts: OktaUserFacts,
): OktaUserDecision {
  const wanted = facts.active && facts.inScope;

  if (event === 'provision') {
    if (!wanted) return keep;
    if (!record)
      return { record: newUserRecord(facts.id, facts.name, 'pending', facts.now), enqueue: true };
    if (record.state === 'provisioned') return { record: undefined, enqueue: true };
    // A user whose SCIM resource disappeared (404 on update) is created again.
    const lost = record.lastResult?.status === 404 && record.state === 'failed';
    return {
      record: { ...toPending(record, facts.now), ...(lost ? { scimId: null, pushed: null } : {}) },
      enqueue: true,
    };
  }

  if (record?.state === 'out_of_sync') {
    if (event === 'deleted') return { record: null, enqueue: false };
    if (event === 'entered' && facts.provisionOutOfSyncUsers && wanted) {
      return { record: toPending(record, facts.now), enqueue: true };
    }
    return keep;
  }

  if (event === 'enabled') {
    if (!wanted) return record?.scimId ? { record: undefined, enqueue: true } : keep;
    if (record?.scimId) return { record: undefined, enqueue: true };
    if (facts.provisionOutOfSyncUsers) {
      return { record: newUserRecord(facts.id, facts.name, 'pending', facts.now), enqueue: true };
    }
    return {
      record: newUserRecord(facts.id, facts.name, 'out_of_sync', facts.now),
      enqueue: false,
    };
  }

  if (!record) {
    // Nothing pushed yet: only a user who is now assigned and active is worth a push.
    if ((event === 'entered' || event === 'reactivated' || event === 'changed') && wanted) {
      return { record: newUserRecord(facts.id, facts.name, 'pending', facts.now), enqueue: true };
    }
    return keep;
  }

  if (event === 'deleted' && !record.scimId) return { record: null, enqueue: false };
  if (event === 'entered' && record.state === 'failed') {
    return { record: toPending(record, facts.now), enqueue: true };
  }
  return { record: undefined, enqueue: true };
}
