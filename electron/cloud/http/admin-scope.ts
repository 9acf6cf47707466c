import type { FastifyInstance, FastifyReply } from 'fastify';
import { DOMAIN_ERROR_STATUS, DomainError } from '../domain-errors.js';
import { ScimError } from '../scim/errors.js';
import { bearerToken, tokenMatches } from '../security/tokens.js';
import { AdminError } from './admin-error.js';
import { DATABASE_BUSY, isDatabaseBusy, retryAfterIfBusy } from './database-busy.js';

/**
 * Makes an encapsulated Fastify scope an admin API scope: bearer admin token required (401
 * otherwise), errors answered as `{ error: { code, message } }`. Every admin plugin calls it.
 */
export function installAdminScope(app: FastifyInstance, adminTokenHash: string) {
  app.addHook('onRequest', async (req) => {
    const token = bearerToken(req.headers.authorization);
    if (token === undefined || !tokenMatches(token, adminTokenHash)) {
      throw new AdminError(401, 'unauthorized', 'Missing or invalid admin bearer token.');
    }
  });
  app.setErrorHandler((err, _req, reply) => sendAdminError(reply, toAdminError(err)));
}

/** Every admin error handler answers through here. */
export function sendAdminError(reply: FastifyReply, e: AdminError) {
  retryAfterIfBusy(reply, e.status);
  return reply.code(e.status).send(e.toBody());
}

/** The one mapping from what the cloud throws to the admin API's answer. */
export function toAdminError(err: unknown): AdminError {
  if (err instanceof AdminError) return err;
  if (err instanceof DomainError) {
    return new AdminError(DOMAIN_ERROR_STATUS[err.kind], err.code, err.message, err.details);
  }
  if (err instanceof ScimError) {
    return new AdminError(
      err.status,
      err.scimType ?? (err.status === 404 ? 'not_found' : 'invalid_request'),
      err.message,
    );
  }
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return new AdminError(
      400,
      'invalid_json',
      `Request body is not valid JSON: ${e.message ?? ''}`,
    );
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AdminError(e.statusCode, 'invalid_request', e.message ?? 'Bad request.');
  }
  if (isDatabaseBusy(err)) {
    return new AdminError(DATABASE_BUSY.status, DATABASE_BUSY.code, DATABASE_BUSY.message);
  }
  console.error('Admin API internal error:', err);
  return new AdminError(500, 'internal', 'Internal error.');
}
