/**
 * The web shell's HTTP requests and WebSocket upgrades: the guards every request passes (DNS
 * rebinding, methods, the launch secret), then the built renderer, the sign-in popup's routes
 * and the bridge. Answers from the moment the server listens, before the connector service
 * exists: the window's page loads meanwhile, and its bridge waits until there is a state to show
 * (the state before the core, or the service's once a stored session resumed).
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { EventPayloads } from '../../shared/contract/connector-names.js';
import { splitForPageState } from '../../shared/contract/page-state.js';
import type { BridgeServer } from './bridge.js';
import { LAUNCH_SECRET_PARAM, type LaunchSecret } from './launch-secret.js';
import { CLOSE_JS, notBuiltPage, PAGE_CSS, shellPage } from './pages.js';
import { redirect, refuse, send, sendPage, streamPage, TEXT } from './responses.js';
import { callback, loginStart, type SignInRouteContext } from './sign-in-routes.js';
import { readStatic } from './static-files.js';

/** What the handlers know of this web shell; filled in as it starts. */
export interface ShellState extends SignInRouteContext {
  rendererDir: string;
  /** Made once the server listens (it is for this port). */
  secret: LaunchSecret | null;
  /** Settles when there is a state to show a window (null: the start failed). */
  bridges: Promise<BridgeServer | null>;
  /** A window is loading (the service and the cloud wait for its first state: first-window.ts). */
  onWindowPage(): void;
  /**
   * The state a window's page is served with (page-state.ts), so its first render is the page
   * itself: what its bridge would send first. Null while there is none to show yet (a stored
   * session resuming): the page then says it is connecting until its bridge brings the state.
   */
  windowState(): Promise<EventPayloads['state'] | null>;
}

const allowedHosts = (port: number) =>
  new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

export function requestListener(shell: ShellState) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(shell, req, res).catch((e: unknown) => {
      console.error('web shell:', e);
      if (!res.headersSent) send(res, 500, TEXT, 'Internal error.');
      else res.destroy();
    });
  };
}

async function handle(shell: ShellState, req: IncomingMessage, res: ServerResponse) {
  const host = req.headers.host ?? '';
  // DNS rebinding: only this machine's names for this port.
  if (!allowedHosts(shell.port).has(host)) return send(res, 421, TEXT, 'Wrong host.');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, TEXT, 'Method not allowed.');
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  switch (url.pathname) {
    case '/healthz':
      return send(res, 200, 'application/json', JSON.stringify({ status: 'ok' }));
    case '/callback':
      return callback(shell, res, url, host);
    case '/shell/page.css':
      return send(res, 200, 'text/css; charset=utf-8', PAGE_CSS);
    case '/shell/close.js':
      return send(res, 200, 'text/javascript; charset=utf-8', CLOSE_JS);
  }
  // Everything else (the app, GET /login) is for the browser that opened the printed URL.
  if (shell.secret?.inQuery(url)) return tradeSecretForCookie(shell, res, url);
  if (!shell.secret?.inCookie(req)) return sendPage(res, 403, launchSecretMissingPage(), host);
  if (url.pathname === '/login') return loginStart(shell, res, host);
  return serveRenderer(shell, res, url, host);
}

/** The built renderer's files; a path without an extension is the window's page. */
async function serveRenderer(shell: ShellState, res: ServerResponse, url: URL, host: string) {
  const file = await readStatic(shell.rendererDir, url.pathname);
  if (!file) {
    if (!existsSync(join(shell.rendererDir, 'index.html'))) {
      return sendPage(res, 503, notBuiltPage(shell.rendererDir), host);
    }
    return send(res, 404, TEXT, 'Not found.');
  }
  if (!file.type.startsWith('text/html')) {
    res.setHeader(
      'cache-control',
      file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return send(res, 200, file.type, file.body);
  }
  shell.onWindowPage();
  // The page carries this moment's state: never stored, never served again from a cache. Its
  // head goes out at once (the browser fetches the scripts meanwhile), the state when known.
  res.setHeader('cache-control', 'no-store');
  const page = splitForPageState(file.body.toString('utf8'));
  await streamPage(res, page.head, shell.windowState().then(page.rest), host);
}

/** Sets the cookie and sends the browser on without the secret in its address bar. */
function tradeSecretForCookie(shell: ShellState, res: ServerResponse, url: URL) {
  const secret = shell.secret!;
  // The printed address was opened: a window is on its way.
  shell.onWindowPage();
  url.searchParams.delete(LAUNCH_SECRET_PARAM);
  res.setHeader('set-cookie', secret.cookie());
  redirect(res, `${url.pathname}${url.search}`);
}

/**
 * The bridge: for whoever has the launch secret (the opened page's cookie, or ?token= for a
 * script), and among browsers only same-origin ones (a page elsewhere must not drive it).
 */
export function upgradeListener(shell: ShellState) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const hosts = allowedHosts(shell.port);
    const origin = req.headers.origin;
    const originOk = origin === undefined || hosts.has(originHost(origin));
    const secretOk = !!shell.secret && (shell.secret.inCookie(req) || shell.secret.inQuery(url));
    if (
      url.pathname !== '/bridge' ||
      !hosts.has(req.headers.host ?? '') ||
      !originOk ||
      !secretOk
    ) {
      return refuse(socket, '403 Forbidden');
    }
    // Until there is a state to show, the window's link waits here (it says it is connecting).
    void shell.bridges.then((bridges) => {
      if (socket.destroyed) return;
      if (!bridges) return refuse(socket, '503 Service Unavailable');
      bridges.bridge(req, socket, head);
    });
  };
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
