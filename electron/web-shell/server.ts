import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectorService } from '../connector/host/connector-service.js';
import { LoginBroker } from '../connector/host/login-broker.js';
import { startCloudWorker, type BundledCloudAddress } from './bundled-cloud.js';
import type { ConnectorHost } from './connector-host.js';
import { LAUNCH_SECRET_PARAM, LaunchSecret } from './launch-secret.js';
import { CLOSE_JS, notBuiltPage, PAGE_CSS, shellPage } from './pages.js';
import { readStatic } from './static-files.js';

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
   * SQLite file (or ':memory:'); `{ url }` uses a running one.
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

const appVersion = (): string => {
  try {
    return (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return '0.0.0';
  }
};

/** The renderer's Content-Security-Policy: nothing but this origin and its own WebSocket. */
export function rendererCsp(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // Keeps the reference to the sign-in popup (the renderer watches it close).
  'cross-origin-opener-policy': 'same-origin-allow-popups',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * The web shell: the connector core (through ConnectorService) for a browser. Serves the built
 * renderer under a strict CSP, bridges window.connector over a WebSocket at /bridge, and runs
 * the sign-in in a popup: the renderer opens GET /login, which redirects to the IdP once the
 * core asks for a browser; the IdP (or the cloud, for SAML) sends the popup back to
 * GET /callback on this server, which hands the URL to the core.
 */
export async function startWebShell(opts: WebShellOptions): Promise<RunningWebShell> {
  const rendererDir = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
  // First: its thread loads the cloud while this one starts the server and the service.
  const cloudWorker = 'bundled' in opts.cloud ? startCloudWorker(opts.cloud.bundled) : null;
  const logins = new LoginBroker();
  let service: ConnectorService | null = null;
  // Settles when the service has a state to show (or its start failed): what a bridge waits for.
  let connectorReady!: (host: ConnectorHost | null) => void;
  const connector = new Promise<ConnectorHost | null>((r) => (connectorReady = r));
  let port = 0;
  let secret: LaunchSecret | null = null;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('web shell:', e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error.');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const host = req.headers.host ?? '';
    // DNS rebinding: only this machine's names for this port.
    if (!allowedHosts().has(host))
      return send(res, 421, 'text/plain; charset=utf-8', 'Wrong host.');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    switch (url.pathname) {
      case '/healthz':
        return send(res, 200, 'application/json', JSON.stringify({ status: 'ok' }));
      case '/callback':
        return callback(res, url);
      case '/shell/page.css':
        return send(res, 200, 'text/css; charset=utf-8', PAGE_CSS);
      case '/shell/close.js':
        return send(res, 200, 'text/javascript; charset=utf-8', CLOSE_JS);
    }
    // Everything else (the app, GET /login) is for the browser that opened the printed URL.
    if (secret?.inQuery(url)) return tradeSecretForCookie(res, url);
    if (!secret?.inCookie(req)) return sendPage(res, 403, launchSecretMissingPage(), host);
    if (url.pathname === '/login') return loginStart(res, url);
    const file = await readStatic(rendererDir, url.pathname);
    if (!file) {
      if (!existsSync(join(rendererDir, 'index.html'))) {
        return sendPage(res, 503, notBuiltPage(rendererDir), host);
      }
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
    }
    res.setHeader(
      'cache-control',
      file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (file.type.startsWith('text/html')) return sendPage(res, 200, file.body, host);
    send(res, 200, file.type, file.body);
  }

  /**
   * The popup's first page: waits for the core to ask for a browser, then goes to the IdP. Gives
   * up when the sign-in ends without one (an unknown domain, say) or after `loginWaitMs`.
   */
  async function loginStart(res: ServerResponse, _url: URL) {
    const pending =
      logins.current() ??
      (await new Promise<ReturnType<LoginBroker['current']>>((resolve) => {
        let sawSignIn = service?.snapshot().auth.status === 'authenticating';
        const finish = (value: ReturnType<LoginBroker['current']>) => {
          clearTimeout(timer);
          logins.off('pending', onPending);
          unsubscribe?.();
          resolve(value);
        };
        const timer = setTimeout(() => finish(null), opts.loginWaitMs ?? 20_000);
        const onPending = () => finish(logins.current());
        logins.once('pending', onPending);
        const unsubscribe = service?.subscribe('state', (s) => {
          if (s.auth.status === 'authenticating') sawSignIn = true;
          else if (sawSignIn && !logins.current()) finish(null);
        });
        res.once('close', () => finish(null));
      }));
    if (res.destroyed) return;
    if (!pending) {
      return sendPage(
        res,
        404,
        shellPage(
          'No sign-in is waiting',
          'Client Connector shows what happened. Close this window and start the sign-in from Client Connector.',
        ),
      );
    }
    res.setHeader('cache-control', 'no-store');
    res.setHeader('location', pending.url);
    res.writeHead(302);
    res.end();
  }

  /** Sets the cookie and sends the browser on without the secret in its address bar. */
  function tradeSecretForCookie(res: ServerResponse, url: URL) {
    url.searchParams.delete(LAUNCH_SECRET_PARAM);
    res.setHeader('set-cookie', secret!.cookie());
    res.setHeader('cache-control', 'no-store');
    res.setHeader('location', `${url.pathname}${url.search}`);
    send(res, 302, 'text/plain; charset=utf-8', '');
  }

  /**
   * Where the IdP / the cloud send the popup back: the result goes to the waiting core. Open to
   * any browser (the IdP's redirect is cross-site, so the SameSite cookie does not come along);
   * the sign-in's `state` is what tells its answer from a third party's.
   */
  function callback(res: ServerResponse, url: URL) {
    const full = `http://127.0.0.1:${port}${url.pathname}${url.search}`;
    const done = logins.complete(full);
    res.setHeader('cache-control', 'no-store');
    if (done === 'wrong-state') {
      return sendPage(
        res,
        400,
        shellPage(
          'This is not the answer to your sign-in',
          'It does not carry the state of the sign-in Client Connector is waiting for, so it was refused. Your sign-in is still waiting: finish it in the window Client Connector opened.',
        ),
      );
    }
    if (done === 'not-waiting') {
      return sendPage(
        res,
        410,
        shellPage(
          'This sign-in is no longer waiting',
          'It was cancelled or replaced. Start again from Client Connector.',
        ),
      );
    }
    const failed = url.searchParams.has('error');
    sendPage(
      res,
      200,
      shellPage(
        failed ? 'Sign-in did not complete' : 'Sign-in complete',
        failed
          ? 'Client Connector shows what went wrong. You can close this window.'
          : 'You can close this window and return to Client Connector.',
        { close: !failed },
      ),
    );
  }

  function sendPage(res: ServerResponse, status: number, html: string | Buffer, host?: string) {
    res.setHeader('content-security-policy', rendererCsp(host ?? `127.0.0.1:${port}`));
    send(res, status, 'text/html; charset=utf-8', html);
  }

  function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    res.setHeader('content-type', type);
    res.setHeader('content-length', Buffer.byteLength(body));
    res.writeHead(status);
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }

  // The bridge: for whoever has the launch secret (the opened page's cookie, or ?token= for a
  // script), and among browsers only same-origin ones (a page elsewhere must not drive it).
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const host = req.headers.host ?? '';
    const origin = req.headers.origin;
    const originOk = origin === undefined || allowedHosts().has(originHost(origin));
    const secretOk = !!secret && (secret.inCookie(req) || secret.inQuery(url));
    if (url.pathname !== '/bridge' || !allowedHosts().has(host) || !originOk || !secretOk) {
      return refuse(socket, '403 Forbidden');
    }
    // Until the service has a state to show, the window's link waits here (it says it is
    // connecting).
    void connector.then((host) => {
      if (socket.destroyed) return;
      if (!host) return refuse(socket, '503 Service Unavailable');
      host.bridge(req, socket, head);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  secret = new LaunchSecret(port);
  const url = `http://127.0.0.1:${port}/`;
  opts.onListening?.(secret.urlFrom(url));

  let host: ConnectorHost | undefined;
  let cloud: BundledCloudAddress | null;
  try {
    const { startConnectorHost } = await import('./connector-host.js');
    host = await startConnectorHost({
      appVersion: appVersion(),
      userDataDir: opts.userDataDir,
      cloud: cloudWorker
        ? { bundled: cloudWorker.ready.then((c) => c.baseUrl) }
        : { url: (opts.cloud as { url: string }).url },
      logins,
      redirectUri: `http://127.0.0.1:${port}/callback`,
      ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
    });
    service = host.service;
    connectorReady(host);
    await host.started;
    cloud = cloudWorker ? await cloudWorker.ready : null;
  } catch (e) {
    connectorReady(null);
    server.close();
    await host?.close();
    // Without its bundled cloud the service cannot start: the cloud's reason is the one to tell.
    const cloudError: unknown = await cloudWorker?.ready.then(
      () => null,
      (c: unknown) => c,
    );
    await cloudWorker?.close();
    throw cloudError ?? e;
  }
  const running = host.service;
  const connectorHost = host;

  let closed = false;
  return {
    url,
    launchUrl: secret.urlFrom(url),
    port,
    cloud,
    service: running,
    logins,
    async close() {
      if (closed) return;
      closed = true;
      logins.cancel('closed');
      // The bridges first: the server's close waits for every socket, upgraded ones included.
      await connectorHost.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cloudWorker?.close();
    },
  };
}

function refuse(socket: { write(s: string): unknown; destroy(): void }, status: string) {
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function launchSecretMissingPage(): string {
  return shellPage(
    'Open Client Connector from its address',
    'This page needs the address Client Connector printed when it started (the one with ?token=…). Open that address in this browser; it lets this browser in until the web shell stops.',
  );
}

function originHost(origin: string): string {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' ? u.host : '';
  } catch {
    return '';
  }
}
