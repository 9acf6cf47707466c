/**
 * The login window: the BrowserPort of the Electron host. The core's LoginBroker asks for a
 * browser; this shows the IdP's pages in a window of its own session partition, without preload,
 * and stops the navigation to the redirect URI (nothing listens there) to hand it to the core.
 */
import {
  BrowserWindow,
  session as electronSession,
  type BrowserWindow as Win,
  type BrowserWindowConstructorOptions,
} from 'electron';
import type { LoginBroker, PendingLogin } from '../connector/host/login-broker.js';
import {
  denyPermissions,
  denyWindowOpen,
  LOGIN_PARTITION,
  loginWebPreferences,
} from './security.js';

export interface LoginWindowOptions {
  broker: LoginBroker;
  parent: () => Win | null;
  icon?: string;
}

/** Opens a login window for each pending sign-in; returns a function that stops listening. */
export function attachLoginWindow(opts: LoginWindowOptions): () => void {
  const { broker } = opts;
  const loginSession = electronSession.fromPartition(LOGIN_PARTITION);
  denyPermissions(loginSession);
  let current: { win: Win; id: number } | null = null;

  // Catches the redirect however it comes (navigation, 302, form post): the request never leaves.
  loginSession.webRequest.onBeforeRequest((details, callback) => {
    if (!broker.matches(details.url)) return callback({});
    callback({ cancel: true });
    broker.complete(details.url);
    const win = current?.win;
    current = null;
    if (win && !win.isDestroyed()) win.close();
  });

  const open = (pending: PendingLogin | null) => {
    if (!pending) return;
    if (current && !current.win.isDestroyed()) {
      const old = current.win;
      current = null;
      old.destroy();
    }
    const parent = opts.parent();
    const options: BrowserWindowConstructorOptions = {
      width: 520,
      height: 720,
      title: 'Sign in — Client Connector',
      show: true,
      autoHideMenuBar: true,
      ...(parent && !parent.isDestroyed() ? { parent } : {}),
      ...(opts.icon ? { icon: opts.icon } : {}),
      webPreferences: loginWebPreferences(),
    };
    // Electronegativity sees no webPreferences literal here: loginWebPreferences() sets context
    // isolation, the sandbox and Auxclick off, each unit-tested (build/electronegativity.md).
    const win = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    current = { win, id: pending.id };
    denyWindowOpen(win.webContents);
    // Only the web: no file:, no custom schemes, no javascript: in the login window.
    win.webContents.on('will-navigate', (event, url) => {
      if (!/^https?:/i.test(url)) event.preventDefault();
    });
    win.on('closed', () => {
      if (current?.win === win) {
        current = null;
        if (broker.current()?.id === pending.id) broker.cancel('closed');
      }
    });
    // Rejects when the load is cut short, as when a still-valid IdP session redirects at once
    // to the redirect URI, which onBeforeRequest cancels: the broker has the outcome already.
    win.loadURL(pending.url).catch((e: unknown) => {
      if (!win.isDestroyed() && broker.current()?.id === pending.id) {
        console.warn(`Login window: ${(e as Error).message}`);
      }
    });
  };

  const onSettled = (id: number) => {
    if (current?.id === id && !current.win.isDestroyed()) current.win.close();
  };
  broker.on('pending', open);
  broker.on('settled', onSettled);
  return () => {
    broker.off('pending', open);
    broker.off('settled', onSettled);
    loginSession.webRequest.onBeforeRequest(null);
  };
}
