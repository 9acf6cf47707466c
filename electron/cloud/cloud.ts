import type { Server } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { adminConsoleRoutes } from './admin/console-routes.js';
import { adminRoutes } from './admin/routes.js';
import type { AuthDeps } from './auth/deps.js';
import { verifyOidcIdToken } from './auth/oidc-verify.js';
import { connectorAuthRoutes, type SignInProtocols } from './auth/routes.js';
import type { SessionService } from './auth/sessions.js';
import { samlSpRoutes, startSamlLogin } from './auth/saml-sp.js';
import { sessionAdminRoutes } from './broker/admin-routes.js';
import type { Broker } from './broker/broker.js';
import { brokerRoutes } from './broker/routes.js';
import { SimulatedClock } from './clock/clock.js';
import type { CloudEvents } from './events.js';
import { sendAdminError, toAdminError } from './http/admin-scope.js';
import { isDatabaseBusy, skipTurnIfBusy } from './http/database-busy.js';
import { AdminError } from './http/admin-error.js';
import { diagnosticsRoutes } from './http/diagnostics-routes.js';
import { landingPage } from './http/landing-page.js';
import type { IdpService } from './idp-config/idp-service.js';
import { directoryRoutes } from './idp/directory/index.js';
import { oidcClientConfig, oidcProviderRoutes } from './idp/oidc/index.js';
import { provisioningRoutes, startProvisioning } from './idp/provisioning/index.js';
import { samlIdpAdminRoutes, samlIdpRoutes } from './idp/saml/index.js';
import { policyAdminRoutes } from './policy/index.js';
import { RateLimiter } from './scim/rate-limiter.js';
import { scenarioRoutes } from './scenarios/routes.js';
import { MAX_PAYLOAD_BYTES, scimRoutes } from './scim/routes.js';
import { newToken } from './security/tokens.js';
import type { DemoDomains } from './seed/demo-domains.js';
import { buildCloudServices, type CloudServices } from './services.js';
import { isPostgresUrl, openStore } from './store/open-store.js';
import type { Store } from './store/types.js';
import { issueRoutes } from './support/issue-routes.js';
import { timelineRoutes } from './timeline/routes.js';
import { diagnosticsImportRoutes } from './diagnostics/routes.js';
import { advertisedBaseUrl } from './workshop/addresses.js';
import { workshopRoutes } from './workshop/routes.js';
import type { Workshop } from './workshop/workshop.js';
import { withoutTrailingSlashes } from '../../shared/url.js';

export interface CloudOptions {
  /** 0 picks any free port. */
  port?: number;
  host?: string;
  /** SQLite file, ':memory:', or a postgres:// URL. */
  db: string;
  /** The store, opened already on `db` (a workshop's tenants share one PostgreSQL connection). */
  store?: Store;
  /** Generated (and returned once) when absent. */
  adminToken?: string;
  /** The base URL clients should use, if not http://host:port (behind a proxy, say). */
  publicUrl?: string;
  /** Seed the demo tenant into a new database (default true). */
  seed?: boolean;
  /** The demo tenant's two organisations (default acme.example and globex.example). */
  demoDomains?: DemoDomains;
  clock?: SimulatedClock;
  /**
   * false: build the cloud without listening (publicUrl required); a workshop's front door
   * (workshop/front-door.ts) hands it its requests through `server`.
   */
  listen?: boolean;
  /** The workshop this cloud is the root of (workshop/workshop.ts): its trainer routes. */
  workshop?: Workshop;
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
  broker: Broker;
  provisioning: ReturnType<typeof startProvisioning>;
  /** Every service of the cloud (services.ts). */
  context: CloudServices;
  /** The HTTP server the cloud handles ('request' and 'upgrade' events). */
  server: Server;
  close(): Promise<void>;
}

/** SCIM sync logs are kept for two weeks, like the real "SCIM Sync Logs" page. */
const LOG_RETENTION_MS = 14 * 24 * 3600_000;

/** Starts the mock private-access cloud: admin API, SCIM service providers, store. */
export async function startCloud(options: CloudOptions): Promise<RunningCloud> {
  const store = options.store ?? openStore(options.db);
  // On PostgreSQL, instances may share the database: the clock and rate limits live in it.
  const shared = isPostgresUrl(options.db);
  const clock = options.clock ?? new SimulatedClock(Date.now, shared ? store.clock : undefined);
  const adminToken = options.adminToken ?? newToken();
  let baseUrl = withoutTrailingSlashes(options.publicUrl ?? '');
  const ctx = buildCloudServices({
    store,
    clock,
    adminToken,
    baseUrl: () => baseUrl,
    seed: options.seed !== false,
    demoDomains: options.demoDomains,
  });
  const app = newHttpServer();
  await registerRoutes(app, ctx, options, () => baseUrl, shared);

  if (options.listen === false) {
    if (!baseUrl) throw new Error('A cloud that does not listen needs its publicUrl.');
    await app.ready();
  } else {
    const host = options.host ?? '127.0.0.1';
    const address = await app.listen({ port: options.port ?? 0, host });
    if (!baseUrl) baseUrl = advertisedBaseUrl(address, host);
  }
  // The IdPs push to our own SCIM endpoints over HTTP, so they start once we listen.
  const provisioning = startProvisioning(ctx);
  const prune = pruneOldRecords(store, clock);

  let closed = false;
  return {
    baseUrl,
    adminToken,
    tenantId: ctx.tenantId,
    store,
    clock,
    events: ctx.events,
    idps: ctx.idps,
    sessions: ctx.sessions,
    broker: ctx.broker,
    provisioning,
    context: ctx,
    server: app.server,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(prune);
      ctx.broker.stop();
      ctx.timeline.close();
      await provisioning.close();
      await app.close();
      ctx.syncLog.close();
      await store.close();
    },
  };
}

/**
 * Fastify with the cloud's limits. JSON and SCIM's application/scim+json parse alike
 * (prototype poisoning refused); an empty body with a JSON content type counts as no body: many
 * HTTP clients send that header anyway.
 */
function newHttpServer(): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_PAYLOAD_BYTES,
    forceCloseConnections: true,
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
  });
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'application/scim+json'],
    { parseAs: 'string' },
    (req, body, done) => {
      if (body === '' || (typeof body === 'string' && body.trim() === ''))
        return done(null, undefined);
      return json(req, body as string, done);
    },
  );
  return app;
}

/** Every route of the cloud, each given the services it uses. */
async function registerRoutes(
  app: FastifyInstance,
  ctx: CloudServices,
  options: CloudOptions,
  baseUrl: () => string,
  shared: boolean,
) {
  const { store, clock, idps, scim, syncLog, sessions, broker, adminTokenHash } = ctx;
  await app.register(adminRoutes, {
    prefix: '/api/admin',
    adminTokenHash,
    idps,
    scim,
    store,
    clock,
    syncLog,
    scimBaseUrl: ctx.scimBaseUrl,
  });
  await app.register(scimRoutes, {
    prefix: '/scim/:tenant/:idpId/v2',
    tenantId: ctx.tenantId,
    publicBaseUrl: baseUrl,
    idps,
    scim,
    clock,
    syncLog,
    rateLimiter: new RateLimiter(50, undefined, shared ? store.rateLimits : undefined),
  });
  await app.register(connectorAuthRoutes, {
    prefix: '/api/connector',
    idps,
    sessions,
    protocols: signInProtocols(ctx),
  });
  await app.register(brokerRoutes, { prefix: '/api/connector', broker, sessions });
  await app.register(oidcProviderRoutes, ctx);
  await app.register(samlIdpRoutes, ctx);
  await app.register(samlSpRoutes, ctx);
  await app.register(samlIdpAdminRoutes, ctx);
  await app.register(directoryRoutes, { directory: ctx.directory, adminTokenHash });
  await app.register(provisioningRoutes, { provisioning: ctx.provisioning, adminTokenHash });
  await app.register(policyAdminRoutes, { policy: ctx.policy, clock, adminTokenHash });
  await app.register(sessionAdminRoutes, { broker, adminTokenHash });
  await app.register(issueRoutes, { store, clock, sessions, adminTokenHash });
  await app.register(timelineRoutes, {
    store,
    idps,
    sessions,
    recorder: ctx.timeline,
    adminTokenHash,
  });
  await app.register(diagnosticsImportRoutes, { store, clock, adminTokenHash });
  await app.register(workshopRoutes, { workshop: options.workshop, adminTokenHash });
  await app.register(adminConsoleRoutes, {});
  await app.register(diagnosticsRoutes, { clock, baseUrl });
  await app.register(scenarioRoutes, { services: ctx, adminTokenHash });
  app.get('/', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(landingPage(baseUrl(), idps.list())),
  );
  // What no scope answers itself (the landing page, the console's files): a busy database is
  // still a 503 to send again, in the admin API's shape as the root's 404 is.
  app.setErrorHandler((err, _req, reply) => {
    if (!isDatabaseBusy(err)) throw err;
    return sendAdminError(reply, toAdminError(err));
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send(new AdminError(404, 'not_found', `Nothing at ${req.method} ${req.url}.`).toBody()),
  );
}

/** Old sync-log lines, and expired SAML requests, used-assertion records and login codes. */
function pruneOldRecords(store: Store, clock: SimulatedClock): ReturnType<typeof setInterval> {
  const prune = setInterval(
    () =>
      skipTurnIfBusy('Pruning old records', () => {
        store.syncLog.pruneBefore(clock.now() - LOG_RETENTION_MS);
        store.auth.pruneExpired(clock.now());
      }),
    60_000,
  );
  prune.unref();
  return prune;
}

/** The protocol halves of sign-in (SAML SP, OIDC client settings and ID token check). */
function signInProtocols(ctx: AuthDeps): SignInProtocols {
  return {
    startSaml: (idp, pending) => startSamlLogin(ctx, idp, pending),
    oidcClient: (idp) => oidcClientConfig(ctx, idp),
    verifyOidc: (idp, idToken, nonce) => verifyOidcIdToken(ctx, idp, idToken, nonce),
  };
}
