import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DURATION_BUCKETS } from '../../../shared/model/scim-sync-log.js';
import type { SimulatedClock } from '../clock/clock.js';
import { isoTime } from '../clock/clock.js';
import { ScimError } from '../scim/errors.js';
import type { ListQuery, ScimService } from '../scim/service.js';
import type { SyncLogWriter } from '../scim/sync-log-writer.js';
import { bearerToken, tokenMatches } from '../security/tokens.js';
import type { Store } from '../store/types.js';
import { AdminError } from './admin-error.js';
import type { IdpService } from './idp-service.js';
import { parseInput } from './parse-input.js';

export interface AdminRouteDeps {
  adminTokenHash: string;
  idps: IdpService;
  scim: ScimService;
  store: Store;
  clock: SimulatedClock;
  syncLog: SyncLogWriter;
  scimBaseUrl: (idpId: string) => string;
}

type IdParams = { id: string; resourceId?: string };

const logQuerySchema = z
  .object({
    idpId: z.string().optional(),
    entityType: z.enum(['User', 'Group', 'Other']).optional(),
    entityName: z.string().optional(),
    idpEntityId: z.string().optional(),
    internalEntityId: z.string().optional(),
    status: z.coerce.number().int().min(100).max(599).optional(),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    duration: z.enum(DURATION_BUCKETS).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const advanceSchema = z
  .object({
    ms: z.number().int().min(0).optional(),
    minutes: z.number().min(0).optional(),
    hours: z.number().min(0).optional(),
    days: z.number().min(0).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give ms, minutes, hours or days');

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
  app.setErrorHandler((err, _req, reply) => {
    const e = toAdminError(err);
    return reply.code(e.status).send(e.toBody());
  });
}

/** The admin API: IdP configuration, SCIM database and sync log reads, the simulated clock. */
export async function adminRoutes(app: FastifyInstance, deps: AdminRouteDeps) {
  installAdminScope(app, deps.adminTokenHash);
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send(new AdminError(404, 'not_found', `No admin route ${req.method} ${req.url}.`).toBody()),
  );

  app.get('/idps', async () => deps.idps.list());
  app.post('/idps', async (req, reply) => reply.code(201).send(deps.idps.create(req.body)));
  app.get('/idps/:id', async (req: FastifyRequest<{ Params: IdParams }>) =>
    deps.idps.get(req.params.id),
  );
  app.patch('/idps/:id', async (req: FastifyRequest<{ Params: IdParams }>) =>
    deps.idps.update(req.params.id, req.body),
  );
  app.delete('/idps/:id', async (req: FastifyRequest<{ Params: IdParams }>, reply) => {
    deps.idps.remove(req.params.id);
    return reply.code(204).send();
  });
  app.post('/idps/:id/scim-token', async (req: FastifyRequest<{ Params: IdParams }>, reply) =>
    reply
      .code(201)
      .header('Cache-Control', 'no-store')
      .send({ token: deps.idps.generateScimToken(req.params.id) }),
  );
  app.get('/idps/:id/history', async (req: FastifyRequest<{ Params: IdParams }>) =>
    deps.idps.history(req.params.id),
  );

  // Read-only views of the SCIM database for the admin console (SCIM Users / SCIM Groups pages).
  for (const [segment, type] of [
    ['users', 'User'],
    ['groups', 'Group'],
  ] as const) {
    app.get(
      `/idps/:id/scim/${segment}`,
      async (req: FastifyRequest<{ Params: IdParams; Querystring: ListQuery }>) => {
        deps.idps.get(req.params.id);
        return deps.scim.list(type, target(deps, req.params.id), req.query);
      },
    );
    app.get(
      `/idps/:id/scim/${segment}/:resourceId`,
      async (req: FastifyRequest<{ Params: IdParams }>) => {
        deps.idps.get(req.params.id);
        return deps.scim.get(type, target(deps, req.params.id), req.params.resourceId!, {})
          .resource;
      },
    );
  }

  app.get('/scim-sync-logs', async (req) => {
    const q = parseInput(logQuerySchema, req.query);
    deps.syncLog.flush();
    return deps.store.syncLog.query({
      ...q,
      since: q.since ? Date.parse(q.since) : undefined,
      until: q.until ? Date.parse(q.until) : undefined,
    });
  });

  app.get('/clock', async () => clockView(deps.clock));
  app.post('/clock/advance', async (req) => {
    const b = parseInput(advanceSchema, req.body);
    const ms =
      (b.ms ?? 0) + ((b.minutes ?? 0) + ((b.hours ?? 0) + (b.days ?? 0) * 24) * 60) * 60_000;
    deps.clock.advance(Math.round(ms));
    return clockView(deps.clock);
  });
}

const clockView = (clock: SimulatedClock) => ({
  now: isoTime(clock.now()),
  offsetMs: clock.offset,
});

const target = (deps: AdminRouteDeps, idpId: string) => ({
  idpId,
  baseUrl: deps.scimBaseUrl(idpId),
});

export function toAdminError(err: unknown): AdminError {
  if (err instanceof AdminError) return err;
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
  console.error('Admin API internal error:', err);
  return new AdminError(500, 'internal', 'Internal error.');
}
