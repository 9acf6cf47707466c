/**
 * The Electron security baseline (architecture.md §6), one function per setting so each has its
 * unit test: sandboxed, context-isolated renderers without Node, a strict CSP, no navigation,
 * no new windows, no permissions, and IPC only from the main window's own frame.
 */
import type { IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';

/** The renderer is served from this privileged custom scheme (not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'connector';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** The login window's session: its own cookie jar, never the app's. */
export const LOGIN_PARTITION = 'login';

/** The main window's Content-Security-Policy: only the app's own files; IPC needs no network. */
export const MAIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The main window's webPreferences. DevTools only from source (`npm start`): a packaged build
 * gives nobody a console in the window that holds the connector's API.
 */
export function mainWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // A middle click opens no window (setWindowOpenHandler denies it too).
    disableBlinkFeatures: 'Auxclick',
    devTools,
  };
}

/** The login window's webPreferences: its own session partition and no preload at all. */
export function loginWebPreferences(): WebPreferences {
  return {
    partition: LOGIN_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
  };
}

/** Adds the CSP to every response of the app's session (on top of the protocol handler's). */
export function applyCsp(session: Session, csp = MAIN_CSP): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const k of Object.keys(headers)) {
      if (k.toLowerCase() === 'content-security-policy') delete headers[k];
    }
    // Electronegativity reads a CSP only from a string literal here; this one is MAIN_CSP, whose
    // directives the unit tests check (build/electronegativity.md).
    headers['Content-Security-Policy'] = [csp]; // eng-disable CSP_GLOBAL_CHECK
    callback({ responseHeaders: headers });
  });
}

/** Every permission request (camera, notifications from pages, geolocation, ...) is refused. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}

/** The main window never navigates away from the app (it is a single page). */
export function denyNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** No page opens a window (links, window.open, target=_blank). */
export function denyWindowOpen(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * An IPC call is served only when it comes from the main window's own main frame showing the
 * app's origin: not from another window, a subframe or a page the window was tricked into.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  main: WebContents | null,
): boolean {
  if (!main || main.isDestroyed() || event.sender !== main) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== main.mainFrame) return false;
  return isAppUrl(frame.url);
}

/** `app://connector/...` (URL.origin is "null" for custom schemes, so compare the parts). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
