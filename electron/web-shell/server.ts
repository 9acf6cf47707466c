import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ConnectorService } from '../connector/host/connector-service.js';
import { FileSecretStore, secretFileFor } from '../connector/host/file-secret-store.js';
import { LoginBroker } from '../connector/host/login-broker.js';
import { SettingsStore } from '../connector/host/settings-store.js';
import { normaliseUrl } from '../connector/host/settings-store.js';
import type { BridgeServer, BridgeService } from './bridge.js';
import { cloudWorker, type BundledCloudAddress, type BundledCloudWorker } from './bundled-cloud.js';
import type { ConnectorHost } from './connector-host.js';
import { AfterFirstWindow } from './first-window.js';
import { LaunchSecret } from './launch-secret.js';
import { PendingService } from './pending-service.js';
import { requestListener, upgradeListener, type ShellState } from './requests.js';

export { rendererCsp } from './responses.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_RENDERER_DIR = join(REPO_ROOT, 'dist', 'renderer');

export interface WebShellOptions {
  /** 0 picks a free port. The web shell listens on 127.0.0.1 only. */
  port?: number;
  /** The built renderer (default dist/renderer). */
  rendererDir?: string;
  /** settings.json, session secrets, local issue reports. */
  userDataDir: string;
  /**
   * The cloud: `{ bundled }` starts the mock cloud in a worker thread of this process on a
   * SQLite file (or ':memory:'), once the first window has painted (first-window.ts); `{ url }`
   * uses a running one.
   */
  cloud:
    | { bundled: { db: string; port?: number; adminToken?: string; seed?: boolean } }
    | { url: string };
  /** How long GET /login waits for a sign-in to start (ms). */
  loginWaitMs?: number;
  heartbeatMs?: number;
  /**
   * Called once the server listens, before the bundled cloud has started: the window can load
   * while the cloud starts; its page comes with the state before the core (signed out), or,
   * while a stored session resumes, says "Connecting to the Client Connector service…" until
   * its bridge brings the resumed state.
   */
  onListening?: (launchUrl: string) => void;
}

export interface RunningWebShell {
  /** The web shell's base URL (pages under it need the launch secret or its cookie). */
  url: string;
  /** The URL to print and open: `url` with the per-launch secret. */
  launchUrl: string;
  port: number;
  /** The bundled cloud, when this web shell runs one. */
  cloud: BundledCloudAddress | null;
  service: ConnectorService;
  logins: LoginBroker;
  close(): Promise<void>;
}

async function appVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

/** A promise and its settle functions. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // whoever awaits it hears of the failure
  return { promise, resolve, reject };
}

/**
 * The web shell: the connector core (through ConnectorService) for a browser. Serves the built
 * renderer under a strict CSP, bridges window.connector over a WebSocket at /bridge, and runs
 * the sign-in in a popup (sign-in-routes.ts). Listens first and serves the window at once: its
 * bridge gets the state before the core (state-before-core.ts) from a stand-in for the service
 * (pending-service.ts); the connector service's modules and the bundled cloud load once the
 * window has it (first-window.ts). Milestones of the start are `web-shell:*` performance marks
 * (main.ts prints them with --json).
 */
export async function startWebShell(opts: WebShellOptions): Promise<RunningWebShell> {
  const cloud = 'bundled' in opts.cloud ? cloudWorker(opts.cloud.bundled) : null;
  const settings = new SettingsStore(opts.userDataDir);
  const secretsFor = (key: string) => new FileSecretStore(secretFileFor(opts.userDataDir, key));
  const connector = deferred<ConnectorHost>();
  const bridges = deferred<BridgeServer | null>();
  const windowState = windowStateSource();
  const shell: ShellState = {
    rendererDir: opts.rendererDir ?? DEFAULT_RENDERER_DIR,
    logins: new LoginBroker(),
    loginWaitMs: opts.loginWaitMs ?? 20_000,
    port: 0,
    secret: null,
    service: null,
    bridges: bridges.promise,
    onWindowPage: () => afterWindow.windowLoading(),
    windowState: () => windowState.get(),
  };
  const afterWindow = new AfterFirstWindow(() => {
    if (cloud) performance.mark('web-shell:cloudStarted');
    cloud?.start();
    const loading = { shell, opts, settings, secretsFor, cloud, afterWindow };
    startConnector(loading).then(connector.resolve, connector.reject);
  });
  const server = createServer(requestListener(shell));
  server.on('upgrade', upgradeListener(shell));
  await listen(server, opts.port ?? 0); // mark: web-shell:listening
  shell.port = (server.address() as AddressInfo).port;
  shell.secret = new LaunchSecret(shell.port);
  const url = `http://127.0.0.1:${shell.port}/`;
  opts.onListening?.(shell.secret.urlFrom(url));

  // A window's first state: its paint follows, then what waited for it starts.
  const onWindowState = () => {
    afterWindow.windowHasState();
    connector.promise.then(
      (host) => host.warm(),
      () => {},
    );
  };
  let host: ConnectorHost | undefined;
  try {
    if ('url' in opts.cloud) await settings.update({ cloudUrl: normaliseUrl(opts.cloud.url) });
    // Loaded after listening (chunks of their own): the window's first request comes meanwhile.
    const { stateBeforeCore } = await import('../connector/host/state-before-core.js');
    const before = await stateBeforeCore(await settings.load(), secretsFor);
    const { bridgeServer } = await import('./bridge.js');
    const service: BridgeService | null = before
      ? new PendingService(
          before,
          connector.promise.then((h) => h.service),
        )
      : null;
    windowState.set(service);
    if (service) {
      bridges.resolve(bridgeServer(service, onWindowState));
      afterWindow.listening();
    } else afterWindow.now(); // a stored session: the window waits for it to resume
    host = await connector.promise;
    performance.mark('web-shell:connectorReady');
    windowState.set(host.service);
    if (!service) bridges.resolve(bridgeServer(host.service, onWindowState));
    await host.started;
    await cloud?.ready;
    performance.mark('web-shell:cloudReady');
  } catch (e) {
    windowState.set(null);
    bridges.resolve(null);
    (await bridges.promise)?.close();
    server.close();
    await host?.close();
    throw await startFailure(e, cloud);
  }
  return {
    url,
    launchUrl: shell.secret.urlFrom(url),
    port: shell.port,
    cloud: cloud ? await cloud.ready : null,
    service: host.service,
    logins: shell.logins,
    close: once(async () => closeAll(shell, server, (await bridges.promise)!, host, cloud)),
  };
}

/**
 * The state a window's page is served with (requests.ts): the snapshot of the service its
 * bridge would be served by, from the moment that is known (null: none to show yet).
 */
function windowStateSource() {
  let service: BridgeService | null = null;
  const known = deferred<void>();
  return {
    set(s: BridgeService | null) {
      service = s;
      known.resolve();
    },
    async get() {
      await known.promise;
      try {
        return service?.snapshot() ?? null;
      } catch {
        return null; // nothing to show yet: the bridge brings it
      }
    },
  };
}

/** Listens on loopback (the `web-shell:listening` milestone). */
function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      performance.mark('web-shell:listening');
      resolve();
    });
  });
}

/**
 * Loads the connector service (a chunk of its own: the window paints meanwhile) and makes it
 * for the cloud; resolves once it has a state to show.
 */
async function startConnector(loading: {
  shell: ShellState;
  opts: WebShellOptions;
  settings: SettingsStore;
  secretsFor: (key: string) => FileSecretStore;
  cloud: BundledCloudWorker | null;
  afterWindow: AfterFirstWindow;
}): Promise<ConnectorHost> {
  const { shell, opts, cloud, afterWindow } = loading;
  const { startConnectorHost } = await import('./connector-host.js');
  const host = await startConnectorHost({
    appVersion: await appVersion(),
    userDataDir: opts.userDataDir,
    settings: loading.settings,
    secretsFor: loading.secretsFor,
    bundledCloud: cloud
      ? { url: cloud.ready.then((c) => c.baseUrl), startNow: () => afterWindow.now() }
      : null,
    logins: shell.logins,
    redirectUri: `http://127.0.0.1:${shell.port}/callback`,
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
  });
  shell.service = host.service;
  return host;
}

/**
 * Why the start failed: without its bundled cloud the service cannot start, so the cloud's
 * reason (if it started and failed) is the one to tell.
 */
async function startFailure(e: unknown, cloud: BundledCloudWorker | null): Promise<unknown> {
  const cloudError: unknown = cloud?.started
    ? await cloud.ready.then(
        () => null,
        (c: unknown) => c,
      )
    : null;
  await cloud?.close();
  return cloudError ?? e;
}

async function closeAll(
  shell: ShellState,
  server: Server,
  bridges: BridgeServer,
  host: ConnectorHost,
  cloud: BundledCloudWorker | null,
) {
  shell.logins.cancel('closed');
  // The bridges first: the server's close waits for every socket, upgraded ones included.
  bridges.close();
  await host.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await cloud?.close();
}

/** The first call runs `fn`; every call returns its promise. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}
