import Fastify from 'fastify';
import { AdminError } from './admin/admin-error.js';
import { IdpService } from './admin/idp-service.js';
import { AuthError } from './auth/auth-error.js';
import { connectorAuthRoutes, type SignInProtocols } from './auth/routes.js';
import { SessionService } from './auth/sessions.js';
import type { CloudContext } from './context.js';
import { adminRoutes } from './admin/routes.js';
import { SimulatedClock } from './clock/clock.js';
import { CloudEvents } from './events.js';
import { landingPage } from './http/landing-page.js';
import { RateLimiter } from './scim/rate-limiter.js';
import { MAX_PAYLOAD_BYTES, scimRoutes } from './scim/routes.js';
import { ScimService } from './scim/service.js';
import { SyncLogWriter } from './scim/sync-log-writer.js';
import { hashToken, newToken } from './security/tokens.js';
import { seedDemoTenant } from './seed/demo-tenant.js';
import { openSqliteStore } from './store/sqlite-store.js';
import type { Store } from './store/types.js';
import { tenantId } from './tenant.js';

export interface CloudOptions {
  /** 0 picks any free port. */
  port?: number;
  host?: string;
  /** SQLite file, or ':memory:'. */
  db: string;
  /** Generated (and returned once) when absent. */
  adminToken?: string;
  /** The base URL clients should use, if not http://host:port (behind a proxy, say). */
  publicUrl?: string;
  /** Seed the demo tenant into a new database (default true). */
  seed?: boolean;
  clock?: SimulatedClock;
}

export interface RunningCloud {
  baseUrl: string;
  adminToken: string;
  tenantId: string;
  store: Store;
  clock: SimulatedClock;
  events: CloudEvents;
  idps: IdpService;
  sessions: SessionService;
  context: CloudContext;
  close(): Promise<void>;
}

/** SCIM sync logs are kept for two weeks, like the real "SCIM Sync Logs" page. */
const LOG_RETENTION_MS = 14 * 24 * 3600_000;

/** Starts the mock private-access cloud: admin API, SCIM service providers, store. */
export async function startCloud(options: CloudOptions): Promise<RunningCloud> {
  const store = openSqliteStore(options.db);
  const clock = options.clock ?? new SimulatedClock();
  const events = new CloudEvents();
  const adminToken = options.adminToken ?? newToken();
  const tenant = tenantId(store);
  let baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  const scimBaseUrl = (idpId: string) => `${baseUrl}/scim/${tenant}/${idpId}/v2`;

  const idps = new IdpService(store, clock, events, scimBaseUrl);
  const scim = new ScimService(store, clock, events);
  const syncLog = new SyncLogWriter(store.syncLog, store.transaction);
  const sessions = new SessionService(store, clock, idps);
  const adminTokenHash = hashToken(adminToken);
  const ctx: CloudContext = {
    store,
    clock,
    events,
    idps,
    scim,
    login: sessions,
    tenantId: tenant,
    baseUrl: () => baseUrl,
    adminTokenHash,
  };
  if (options.seed !== false) seedDemoTenant(store, idps, clock);

  const app = Fastify({
    logger: false,
    bodyLimit: MAX_PAYLOAD_BYTES,
    forceCloseConnections: true,
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
  });
  // SCIM clients send application/scim+json; parse it exactly like JSON.
  app.addContentTypeParser(
    'application/scim+json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );

  await app.register(adminRoutes, {
    prefix: '/api/admin',
    adminTokenHash,
    idps,
    scim,
    store,
    clock,
    syncLog,
    scimBaseUrl,
  });
  await app.register(scimRoutes, {
    prefix: '/scim/:tenant/:idpId/v2',
    tenantId: tenant,
    publicBaseUrl: () => baseUrl,
    idps,
    scim,
    clock,
    syncLog,
    rateLimiter: new RateLimiter(),
  });
  await app.register(connectorAuthRoutes, {
    prefix: '/api/connector',
    ctx,
    sessions,
    protocols: signInProtocols(ctx),
  });
  app.get('/api/health', async () => ({ status: 'ok', time: new Date(clock.now()).toISOString() }));
  app.get('/', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(landingPage(baseUrl, idps.list())),
  );
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send(new AdminError(404, 'not_found', `Nothing at ${req.method} ${req.url}.`).toBody()),
  );

  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  if (!baseUrl) baseUrl = address.replace('[::1]', 'localhost');

  const prune = setInterval(
    () => store.syncLog.pruneBefore(clock.now() - LOG_RETENTION_MS),
    3600_000,
  );
  prune.unref();

  let closed = false;
  return {
    baseUrl,
    adminToken,
    tenantId: tenant,
    store,
    clock,
    events,
    idps,
    sessions,
    context: ctx,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(prune);
      await app.close();
      syncLog.close();
      await store.close();
    },
  };
}

/** The protocol halves of sign-in (SAML SP, OIDC client settings and ID token check). */
function signInProtocols(_ctx: CloudContext): SignInProtocols {
  const unavailable = (): never => {
    throw new AuthError('42043', 'This sign-in method is not available in this build.');
  };
  return { startSaml: unavailable, oidcClient: unavailable, verifyOidc: unavailable };
}
