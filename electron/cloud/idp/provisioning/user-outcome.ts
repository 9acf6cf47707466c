/**
 * The engine's side of a user's push (user-push.ts): the snapshot it starts from, read from the
 * store, and its outcome, applied to the records as stored now: the push log, the cycle's
 * counts, and each record transition through the session (which reads the record afresh, so a
 * transition made meanwhile is kept, and decides the retry time).
 */
import type { DirectoryReader } from '../directory/reader.js';
import type { PushSession } from './push-session.js';
import type { UserOutcome, UserSnapshot } from './user-push.js';

/** Reads a user's snapshot; `reader` may serve several users read in the same turn. */
export function snapshotOf(
  session: PushSession,
  reader: DirectoryReader,
  userId: string,
): UserSnapshot {
  const u = reader.user(userId);
  return {
    userId,
    rec: session.record('user', userId),
    u,
    inScope: !!u && reader.inScope(u),
    now: session.now,
  };
}

/** Applies an outcome in the order it happened. */
export function applyOutcome(session: PushSession, o: UserOutcome) {
  const { service, idpId } = session;
  for (const entry of o.log) session.noteCall(entry.status ?? 0);
  if (o.log.length > 0) service.appendLog(idpId, o.log);
  for (const e of o.effects) {
    switch (e.op) {
      case 'succeed':
        session.succeed(e.type, e.id, e.name, e.res, e.operation, e.patch);
        break;
      case 'fail':
        session.fail(e.type, e.id, e.name, e.res, e.operation, e.patch);
        break;
      case 'remove':
        session.remove(e.type, e.id);
        break;
      case 'forgetMember':
        session.forgetMember(e.scimId);
        break;
    }
  }
  session.visited.users += o.visitedUsers;
  if (o.error) service.logEvent(idpId, 'internal-error', `user:${o.userId}: ${o.error}`);
}
