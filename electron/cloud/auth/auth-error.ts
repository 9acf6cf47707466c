import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CODES } from '../../../shared/errors/codes.js';
import { DOMAIN_ERROR_STATUS, DomainError, InvalidInputError } from '../domain-errors.js';
import { DATABASE_BUSY, isDatabaseBusy, replyBusy } from '../http/database-busy.js';

/**
 * A refused sign-in, carrying the code the real client shows (ZPA 42xxx codes, see
 * shared/errors) so the connector can show the same title and remedy.
 */
export class AuthError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
  ) {
    super(message);
  }

  toBody() {
    return { error: { code: this.code, message: this.message } };
  }
}

/**
 * The connector API's error handler: an AuthError keeps its code and status, a client mistake
 * the framework caught (bad JSON, body too large) or the contract refused is INVALID_REQUEST, a
 * domain refusal keeps its status, a busy database is a 503 to send again, anything else a
 * logged 500.
 */
export function connectorErrorHandler(
  err: FastifyError,
  _req: FastifyRequest,
  reply: FastifyReply,
) {
  if (err instanceof AuthError) return reply.code(err.status).send(err.toBody());
  if (err instanceof InvalidInputError) {
    return reply.code(400).send({ error: { code: CODES.INVALID_REQUEST, message: err.message } });
  }
  if (err instanceof DomainError) {
    return reply
      .code(DOMAIN_ERROR_STATUS[err.kind])
      .send({ error: { code: err.code.toUpperCase(), message: err.message } });
  }
  if (err.statusCode && err.statusCode < 500) {
    return reply
      .code(err.statusCode)
      .send({ error: { code: CODES.INVALID_REQUEST, message: err.message } });
  }
  if (isDatabaseBusy(err)) {
    return replyBusy(reply).send({
      error: { code: DATABASE_BUSY.connectorCode, message: DATABASE_BUSY.message },
    });
  }
  console.error('Connector API internal error:', err);
  return reply.code(500).send({ error: { code: CODES.INTERNAL, message: 'Internal error.' } });
}
