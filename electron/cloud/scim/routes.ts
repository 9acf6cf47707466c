import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../security/tokens.js';
import type { IdpService } from '../idp-config/idp-service.js';
import type { ScimResourceType } from '../store/types.js';
import type { Clock } from '../clock/clock.js';
import { DATABASE_BUSY, isDatabaseBusy, retryAfterIfBusy } from '../http/database-busy.js';
import { discardRestOfBody, isBodyTooLarge } from '../http/oversized-body.js';
import { ScimError, scimErrorBody } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';
import { projectResource } from './projection.js';
import { resourceTypes, schemaResources, serviceProviderConfig } from './schemas.js';
import type { EntityNote, ListQuery, ScimTarget } from './request.js';
import { MAX_RESULTS } from './read.js';
import type { ScimService } from './service.js';
import type { SyncLogWriter } from './sync-log-writer.js';
import { ScimTokenCheck } from './token-check.js';
import { redact } from './log-redact.js';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface ScimRouteDeps {
  tenantId: string;
  publicBaseUrl: () => string;
  idps: IdpService;
  scim: ScimService;
  clock: Clock;
  syncLog: SyncLogWriter;
  rateLimiter: RateLimiter;
}

declare module 'fastify' {
  interface FastifyRequest {
    scimTarget?: ScimTarget;
    scimNote?: EntityNote;
  }
}

type Params = { tenant: string; idpId: string; id?: string };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One SCIM 2.0 service provider per IdP at /scim/{tenant}/{idpId}/v2, open only while that IdP's
 * SCIM Sync is enabled and only to its own bearer token.
 */
export async function scimRoutes(app: FastifyInstance, deps: ScimRouteDeps) {
  app.decorateRequest('scimTarget', undefined);
  app.decorateRequest('scimNote', undefined);
  authenticate(app, deps);
  limitRate(app, deps);
  logEachRequest(app, deps);
  refuseOtherCharsets(app);
  app.setErrorHandler((err, _req, reply) => {
    if (isBodyTooLarge(err)) discardRestOfBody(reply);
    return sendScimError(reply, toScimError(err));
  });
  app.setNotFoundHandler((req, reply) =>
    sendScimError(reply, new ScimError(404, `No SCIM endpoint ${req.method} ${req.url}.`)),
  );
  resourceRoutes(app, deps, 'Users', 'User');
  resourceRoutes(app, deps, 'Groups', 'Group');
  discoveryRoutes(app);
}

// The hooks below are synchronous and call `done` (not async functions): an IdP pushing
// thousands of users pays each hook on every request, and an async hook costs a promise and a
// microtask turn of its own.

/** Only the IdP's own bearer token, and only while its SCIM Sync is on. */
function authenticate(app: FastifyInstance, deps: ScimRouteDeps) {
  const tokens = new ScimTokenCheck();
  app.addHook('onRequest', (req: FastifyRequest<{ Params: Params }>, _reply, done) => {
    const { tenant, idpId } = req.params;
    req.scimNote = {};
    const token = bearerToken(req.headers.authorization);
    const idp = deps.idps.stored(idpId);
    if (
      tenant !== deps.tenantId ||
      token === undefined ||
      !tokens.matches(token, idp?.scimTokenHash)
    ) {
      return done(new ScimError(401, 'Missing or invalid bearer token for this SCIM endpoint.'));
    }
    if (!idp?.config.scimSyncEnabled) {
      return done(new ScimError(401, 'SCIM Sync is not enabled for this IdP.'));
    }
    req.scimTarget = { idpId, baseUrl: `${deps.publicBaseUrl()}/scim/${tenant}/${idpId}/v2` };
    done();
  });
}

/** The real cloud's 50 SCIM updates per second, when the IdP emulates it. */
function limitRate(app: FastifyInstance, deps: ScimRouteDeps) {
  app.addHook('preHandler', (req, reply, done) => {
    if (!WRITE_METHODS.has(req.method) || !req.scimTarget) return done();
    if (!deps.idps.stored(req.scimTarget.idpId)?.config.scimRateLimitEnabled) return done();
    const wait = deps.rateLimiter.take(req.scimTarget.idpId);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      return done(
        new ScimError(429, 'Too many SCIM updates: the limit is 50 per second. Retry later.'),
      );
    }
    done();
  });
}

/** Every authenticated request goes to the SCIM Sync Logs, refused ones too. */
function logEachRequest(app: FastifyInstance, deps: ScimRouteDeps) {
  app.addHook('onResponse', (req: FastifyRequest<{ Params: Params }>, reply, done) => {
    const idpId = req.params.idpId;
    if (!idpId || req.params.tenant !== deps.tenantId || !req.scimTarget) return done();
    const note = req.scimNote ?? {};
    // Requests refused before their handler ran still name the entity their URL addresses.
    note.entityType ??= entityTypeOfPath(req.url);
    note.internalEntityId ??= req.params.id ?? null;
    const error = reply.scimError;
    deps.syncLog.append({
      idpId,
      at: deps.clock.now(),
      method: req.method,
      path: req.url.slice(req.url.indexOf('/v2') + 3),
      entityType: note.entityType ?? 'Other',
      entityName: note.entityName ?? null,
      idpEntityId: note.idpEntityId ?? null,
      internalEntityId: note.internalEntityId ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      userAgent: req.headers['user-agent'] ?? null,
      scimType: error?.scimType ?? null,
      detail: error?.message ?? null,
      request: WRITE_METHODS.has(req.method) ? redact(req.body) : null,
    });
    done();
  });
}

/**
 * Only UTF-8 is read (RFC 7644 §3.1 JSON, RFC 8259 §8.1): a body declared in another charset
 * would be misread, so it is refused before it is parsed.
 */
function refuseOtherCharsets(app: FastifyInstance) {
  app.addHook('preParsing', (req, _reply, payload, done) => {
    const charset = charsetOf(req.headers['content-type']);
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
      return done(
        new ScimError(
          415,
          `Content-Type charset "${charset}" is not supported: send the body as UTF-8 (charset=utf-8).`,
        ),
      );
    }
    done(null, payload);
  });
}

const target = (req: FastifyRequest) => req.scimTarget!;
const note = (req: FastifyRequest) => req.scimNote!;
const pre = (req: FastifyRequest) => ({ ifMatch: header(req, 'if-match') });

/** /Users or /Groups: list, read (with If-None-Match), create, replace, patch, delete. */
function resourceRoutes(
  app: FastifyInstance,
  deps: ScimRouteDeps,
  endpoint: 'Users' | 'Groups',
  type: ScimResourceType,
) {
  const base = `/${endpoint}`;
  // Reads answer synchronously and return nothing: an async handler costs a promise and
  // Fastify's then() on every lookup. What they throw reaches the error handler alike.
  app.get(base, (req, reply) => {
    note(req).entityType = type;
    send(reply, 200, deps.scim.list(type, target(req), listQuery(req.query)));
  });
  app.get(`${base}/:id`, (req: FastifyRequest<{ Params: Params }>, reply) => {
    const { resource, etag } = deps.scim.get(type, target(req), req.params.id!, note(req));
    if (
      header(req, 'if-none-match')
        ?.split(',')
        .some((t) => t.trim() === etag || t.trim() === '*')
    ) {
      reply.code(304).header('ETag', etag).send();
      return;
    }
    send(reply, 200, project(resource, req, type), etag);
  });
  app.post(base, async (req, reply) => {
    const { resource, etag } = await deps.scim.create(type, target(req), req.body, note(req));
    reply.header('Location', (resource.meta as { location: string }).location);
    return send(reply, 201, project(resource, req, type), etag);
  });
  app.put(`${base}/:id`, async (req: FastifyRequest<{ Params: Params }>, reply) => {
    const { resource, etag } = await deps.scim.replace(
      type,
      target(req),
      req.params.id!,
      req.body,
      pre(req),
      note(req),
    );
    return send(reply, 200, project(resource, req, type), etag);
  });
  app.patch(`${base}/:id`, async (req: FastifyRequest<{ Params: Params }>, reply) => {
    const { resource, etag } = await deps.scim.patch(
      type,
      target(req),
      req.params.id!,
      req.body,
      pre(req),
      note(req),
    );
    return send(reply, 200, project(resource, req, type), etag);
  });
  app.delete(`${base}/:id`, async (req: FastifyRequest<{ Params: Params }>, reply) => {
    await deps.scim.remove(type, target(req), req.params.id!, pre(req), note(req));
    return reply.code(204).send();
  });
}

/** RFC 7644 §4: ServiceProviderConfig, ResourceTypes and Schemas. */
function discoveryRoutes(app: FastifyInstance) {
  app.get('/ServiceProviderConfig', async (req, reply) =>
    send(
      reply,
      200,
      serviceProviderConfig(target(req).baseUrl, {
        maxResults: MAX_RESULTS,
        maxPayloadSize: MAX_PAYLOAD_BYTES,
      }),
    ),
  );
  app.get('/ResourceTypes', async (req, reply) =>
    send(reply, 200, listOf(resourceTypes(target(req).baseUrl))),
  );
  app.get('/ResourceTypes/:id', async (req: FastifyRequest<{ Params: Params }>, reply) =>
    send(reply, 200, byId(resourceTypes(target(req).baseUrl), req.params.id!)),
  );
  app.get('/Schemas', async (req, reply) =>
    send(reply, 200, listOf(schemaResources(target(req).baseUrl))),
  );
  app.get('/Schemas/:id', async (req: FastifyRequest<{ Params: Params }>, reply) =>
    send(reply, 200, byId(schemaResources(target(req).baseUrl), req.params.id!)),
  );
}

declare module 'fastify' {
  interface FastifyReply {
    scimError?: ScimError;
  }
}

function send(reply: FastifyReply, status: number, body: unknown, etag?: string) {
  reply.code(status).type(SCIM_CONTENT_TYPE);
  if (etag) reply.header('ETag', etag);
  return reply.send(body);
}

export function sendScimError(reply: FastifyReply, e: ScimError) {
  reply.scimError = e;
  // RFC 6750 §3: every 401 carries the Bearer challenge.
  if (e.status === 401) {
    const sentToken = reply.request.headers.authorization !== undefined;
    reply.header(
      'WWW-Authenticate',
      `Bearer realm="SCIM"${sentToken ? ', error="invalid_token"' : ''}`,
    );
  }
  retryAfterIfBusy(reply, e.status);
  return reply.code(e.status).type(SCIM_CONTENT_TYPE).send(scimErrorBody(e));
}

/** Maps framework errors (bad JSON, body too large, wrong media type) to SCIM errors; never a 500 for a client mistake. */
export function toScimError(err: unknown): ScimError {
  if (err instanceof ScimError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ScimError(
        400,
        `Request body is not valid JSON: ${e.message ?? ''}`.trim(),
        'invalidSyntax',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ScimError(413, `Request body is larger than ${MAX_PAYLOAD_BYTES} bytes.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ScimError(415, 'Content-Type must be application/scim+json or application/json.');
  }
  if (err instanceof SyntaxError)
    return new ScimError(400, `Request body is not valid JSON: ${err.message}`, 'invalidSyntax');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return new ScimError(e.statusCode, e.message ?? 'Bad request.');
  if (isDatabaseBusy(err)) return new ScimError(DATABASE_BUSY.status, DATABASE_BUSY.message);
  console.error('SCIM internal error:', err);
  return new ScimError(500, 'Internal error while processing the SCIM request.');
}

/** The charset parameter of a Content-Type, lower case and unquoted; null when there is none. */
function charsetOf(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '');
  return m ? m[2]!.toLowerCase() : null;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

const LIST_PARAMS = [
  'filter',
  'startIndex',
  'count',
  'sortBy',
  'sortOrder',
  'attributes',
  'excludedAttributes',
] as const;

/** Query parameter names are matched case-insensitively; each may appear once. */
function listQuery(raw: unknown): ListQuery {
  const q: ListQuery = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const name = LIST_PARAMS.find((p) => p.toLowerCase() === key.toLowerCase());
    if (!name) continue;
    if (typeof value !== 'string')
      throw new ScimError(400, `Query parameter ${key} may appear only once.`, 'invalidValue');
    q[name] = value;
  }
  return q;
}

function project(resource: Record<string, unknown>, req: FastifyRequest, type: ScimResourceType) {
  const q = listQuery(req.query);
  if (q.attributes === undefined && q.excludedAttributes === undefined) return resource;
  return projectResource(resource, q, type);
}

const listOf = (resources: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

function byId<T extends { id?: string; name?: string }>(items: T[], id: string): T {
  const found = items.find((i) => i.id === id || i.name === id);
  if (!found) throw new ScimError(404, `${id} not found.`);
  return found;
}

function entityTypeOfPath(url: string): 'User' | 'Group' | undefined {
  const path = url.slice(url.indexOf('/v2') + 3);
  if (path.startsWith('/Users')) return 'User';
  if (path.startsWith('/Groups')) return 'Group';
  return undefined;
}
