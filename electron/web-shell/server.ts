import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ConnectorService } from '../connector/host/connector-service.js';
import { LoginBroker } from '../connector/host/login-broker.js';
import { cloudWorker, type BundledCloudAddress, type BundledCloudWorker } from './bundled-cloud.js';
import { CloudStart } from './cloud-start.js';
import type { ConnectorHost } from './connector-host.js';
import { LaunchSecret } from './launch-secret.js';
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
   * SQLite file (or ':memory:'), once the first window has its state (cloud-start.ts); `{ url }`
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
   * while the cloud starts, and shows the signed-out state as soon as the service has it (its
   * bridge connection waits until then: "Connecting to the Client Connector service…").
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

/**
 * The web shell: the connector core (through ConnectorService) for a browser. Serves the built
 * renderer under a strict CSP, bridges window.connector over a WebSocket at /bridge, and runs
 * the sign-in in a popup (sign-in-routes.ts). Listens first and serves the window while it
 * loads the connector service; the bundled cloud starts once the window has its state.
 * Milestones of the start are `web-shell:*` performance marks (main.ts prints them with --json).
 */
export async function startWebShell(opts: WebShellOptions): Promise<RunningWebShell> {
  const cloud = 'bundled' in opts.cloud ? cloudWorker(opts.cloud.bundled) : null;
  const cloudStart = new CloudStart(() => {
    performance.mark('web-shell:cloudStarted');
    cloud?.start();
  });
  let connectorReady!: (host: ConnectorHost | null) => void;
  const shell: ShellState = {
    rendererDir: opts.rendererDir ?? DEFAULT_RENDERER_DIR,
    logins: new LoginBroker(),
    loginWaitMs: opts.loginWaitMs ?? 20_000,
    port: 0,
    secret: null,
    service: null,
    connector: new Promise((resolve) => (connectorReady = resolve)),
    onWindowPage: () => cloudStart.windowLoading(),
  };
  const server = createServer(requestListener(shell));
  server.on('upgrade', upgradeListener(shell));
  await listen(server, opts.port ?? 0);
  performance.mark('web-shell:listening');
  shell.port = (server.address() as AddressInfo).port;
  shell.secret = new LaunchSecret(shell.port);
  const url = `http://127.0.0.1:${shell.port}/`;
  opts.onListening?.(shell.secret.urlFrom(url));

  let host: ConnectorHost | undefined;
  try {
    host = await startConnector(shell, opts, cloud, cloudStart);
    performance.mark('web-shell:connectorReady');
    connectorReady(host);
    cloudStart.hostReady();
    await host.started;
    await cloud?.ready;
    performance.mark('web-shell:cloudReady');
  } catch (e) {
    connectorReady(null);
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
    close: once(() => closeAll(shell, server, host, cloud)),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Loads the connector service (a chunk of its own, imported once the server listens: the
 * window's page loads meanwhile) and makes it for the cloud; resolves once it has a state to
 * show.
 */
async function startConnector(
  shell: ShellState,
  opts: WebShellOptions,
  cloud: BundledCloudWorker | null,
  cloudStart: CloudStart,
): Promise<ConnectorHost> {
  const { startConnectorHost } = await import('./connector-host.js');
  const host = await startConnectorHost({
    appVersion: await appVersion(),
    userDataDir: opts.userDataDir,
    cloud: cloud
      ? { bundled: cloud.ready.then((c) => c.baseUrl), startNow: () => cloudStart.now() }
      : { url: (opts.cloud as { url: string }).url },
    logins: shell.logins,
    redirectUri: `http://127.0.0.1:${shell.port}/callback`,
    onWindowState: () => cloudStart.now(),
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
  host: ConnectorHost,
  cloud: BundledCloudWorker | null,
) {
  shell.logins.cancel('closed');
  // The bridges first: the server's close waits for every socket, upgraded ones included.
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
