import type { FastifyReply } from 'fastify';
import { CODES } from '../../../shared/errors/codes.js';
import { isDatabaseBusy } from '../store/sql-db.js';

// Which error is a busy database is the store's to say (its own retries and flushes ask too).
export { isDatabaseBusy };

/**
 * The database stayed locked past its busy timeout (store/database.ts), or PostgreSQL gave up
 * on a lock (store/postgres/pg-db.ts gives those errors the same code): the statement that met
 * the lock wrote nothing (a write transaction that cannot begin has no effect, and a group
 * commit that fails rejects every write in it), so the request can simply be sent again. Every
 * HTTP layer answers it alike, in its own error format: 503 with Retry-After, not a 500, which
 * would report a bug. The codes each protocol says it with are here, once.
 */
export const DATABASE_BUSY = {
  status: 503,
  /** The admin API's error code. */
  code: 'database_busy',
  /** The connector API's (and the sign-in pages') catalog code (shared/errors). */
  connectorCode: CODES.CLOUD_BUSY,
  /** OAuth 2.0's "try again later" (RFC 6749 §4.1.2.1), as the bundled OIDC IdP answers. */
  oauthError: 'temporarily_unavailable',
  /** The push channel's close code: RFC 6455's registered 1013 "Try Again Later". */
  wsCloseCode: 1013,
  retryAfterSeconds: 1,
  message: 'The database is busy: nothing was changed. Send the request again after Retry-After.',
} as const;

/** A busy answer says when to come back (RFC 9110 §10.2.3); call it with every error status sent. */
export function retryAfterIfBusy(reply: FastifyReply, status: number): void {
  if (status === DATABASE_BUSY.status) {
    reply.header('Retry-After', String(DATABASE_BUSY.retryAfterSeconds));
  }
}

/** Starts a busy answer (status and Retry-After); the caller sends its protocol's body. */
export function replyBusy(reply: FastifyReply): FastifyReply {
  retryAfterIfBusy(reply, DATABASE_BUSY.status);
  return reply.code(DATABASE_BUSY.status);
}

/**
 * A timer's database work: an exception in a timer ends the process, so a busy database skips
 * this turn (the next one does the work) and anything else is logged.
 */
export function skipTurnIfBusy(what: string, work: () => void): void {
  try {
    work();
  } catch (e) {
    if (!isDatabaseBusy(e)) console.error(`${what} failed:`, e);
  }
}
