/**
 * The broker's unit tests run the real cloud services, built by the composition root
 * (buildCloudServices) over an in-memory SQLite store with the demo tenant and its policies, on
 * a simulated clock that moves only when a test advances it. Connectors are real WebSocket
 * clients on a `ws` server (port 0) whose sockets the real push hub holds.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { buildCloudServices, type CloudServices } from '../../../electron/cloud/services.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { StoredSession } from '../../../electron/cloud/store/types.js';
import type { PushMessage } from '../../../electron/cloud/broker/types.js';
import type { IdpConfig } from '../../../shared/model/idp.js';

export const T0 = Date.parse('2030-03-01T09:00:00Z');
export const HOUR = 3_600_000;

/** The user the broker tests sign in, and the groups that give her the engineering apps. */
export const ALICE = 'alice@acme.example';
export const ENGINEER = { groups: ['Engineering', 'ZPA Users'] };

export interface TestCloud {
  services: CloudServices;
  clock: SimulatedClock;
  /** The seeded Okta (SAML) IdP of acme.example. */
  acme: IdpConfig;
  /** The seeded OIDC IdP of globex.example. */
  globex: IdpConfig;
  signIn(
    userName: string,
    opts?: { groups?: string[]; department?: string; deviceId?: string; idp?: IdpConfig },
  ): StoredSession;
  /** The session as stored now (flags and revocation included). */
  stored(id: string): StoredSession;
  /** A connector on the push channel of this session. */
  connect(session: StoredSession): Promise<Connector>;
  stop(): Promise<void>;
}

export interface Connector {
  messages: PushMessage[];
  /** Resolves with the first message of this type not yet returned by `next`. */
  next(type: PushMessage['type']): Promise<PushMessage>;
  /** Resolves with the close code and reason once the cloud closed the socket. */
  closed: Promise<{ code: number; reason: string }>;
  socket: WebSocket;
}

export async function startTestCloud(): Promise<TestCloud> {
  const store = openSqliteStore(':memory:');
  const clock = new SimulatedClock(() => T0);
  const services = buildCloudServices({
    store,
    clock,
    adminToken: 'unit-test-admin-token',
    baseUrl: () => 'http://cloud.test',
    seed: true,
  });
  const byDomain = (d: string) => services.idps.list().find((i) => i.domains.includes(d))!;
  const acme = byDomain('acme.example');
  const globex = byDomain('globex.example');

  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  const sessionsByUrl = new Map<string, StoredSession>();
  server.on('connection', (socket, req) => {
    const s = sessionsByUrl.get(req.url ?? '')!;
    services.broker.hub.attach(s.id, socket, () =>
      services.broker.snapshot(store.auth.sessionById(s.id)!),
    );
  });
  const clients: WebSocket[] = [];

  return {
    services,
    clock,
    acme,
    globex,
    signIn(userName, opts = {}) {
      const idp = opts.idp ?? acme;
      const attributes: Record<string, string[]> = {};
      if (opts.groups) attributes.groups = opts.groups;
      if (opts.department) attributes.department = [opts.department];
      const { session } = services.sessions.createSession(
        { idpId: idp.id, protocol: idp.protocol, userName, attributes, authTime: clock.now() },
        opts.deviceId ?? 'device-1',
      );
      return store.auth.sessionById(session.id)!;
    },
    stored: (id) => store.auth.sessionById(id)!,
    async connect(session) {
      const path = `/${session.id}`;
      sessionsByUrl.set(path, session);
      const port = (server.address() as AddressInfo).port;
      const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
      clients.push(socket);
      const messages: PushMessage[] = [];
      const waiting: { type: string; resolve: (m: PushMessage) => void }[] = [];
      const taken = new Set<PushMessage>();
      const deliver = () => {
        for (const w of [...waiting]) {
          const m = messages.find((x) => x.type === w.type && !taken.has(x));
          if (!m) continue;
          taken.add(m);
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(m);
        }
      };
      socket.on('message', (data) => {
        messages.push(JSON.parse(String(data)) as PushMessage);
        deliver();
      });
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
      );
      const connector: Connector = {
        messages,
        socket,
        // Timed from when a test waits for it, not from the connection.
        get closed() {
          return within(closed, 'the close of the push channel');
        },
        next: (type) =>
          within(
            new Promise((resolve) => {
              waiting.push({ type, resolve });
              deliver();
            }),
            `a "${type}" push`,
          ),
      };
      await connector.next('snapshot');
      return connector;
    },
    async stop() {
      services.broker.stop();
      for (const c of clients) c.terminate();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

/**
 * A push that does not come fails the test in a few seconds rather than at the test timeout (a
 * local WebSocket delivers in milliseconds; mutation runs would wait out every missing push).
 */
export function within<T>(promise: Promise<T>, what: string, ms = 3000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Lets the messages already sent arrive (one round trip on the loopback socket). */
export async function settle(connector: Connector): Promise<void> {
  connector.socket.ping();
  await within(once(connector.socket, 'pong'), 'pong');
}

/**
 * The SCIM service's event for an update of `name`'s user in IdP `idpId` (SCIM id
 * `scim-<local part>`), with `change` over it: a deactivation, a rename, a deletion…
 */
export function emitScimUser(
  c: TestCloud,
  idpId: string,
  name: string,
  change: Record<string, unknown> = {},
): void {
  c.services.events.emit('scim.changed', {
    idpId,
    resourceType: 'User',
    id: `scim-${name.split('@')[0]}`,
    change: 'updated',
    name,
    ...change,
  });
}
