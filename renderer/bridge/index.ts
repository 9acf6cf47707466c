/**
 * The renderer's only way to the connector core, and the only module that reads
 * `window.connector`: the Electron preload's API when it is there, otherwise the web shell's
 * WebSocket bridge at ws(s)://<host>/bridge. Both give the same ConnectorApi.
 */
import type { ConnectorApi } from '../../shared/contract/connector-contract';
import { alwaysOpen, type LinkSource } from './link';
import { wrapPreload } from './preload-connector';
import { WebSocketConnector, type WebSocketConnectorOptions } from './ws-connector';

export type { LinkInfo, LinkSource, LinkState } from './link';
export { alwaysOpen } from './link';
export { failure, toEnvelope } from './envelope';
export { WebSocketConnector } from './ws-connector';
export { wrapPreload } from './preload-connector';

/**
 * Opens the window the user signs in with, when the host cannot (the web shell: a browser page
 * can only open a popup from its own click). Electron opens its login window itself.
 */
export interface SignInWindowOpener {
  open(): Window | null;
}

export interface Bridge {
  api: ConnectorApi;
  kind: 'preload' | 'websocket' | 'custom';
  link: LinkSource;
  signInWindow?: SignInWindowOpener;
}

/** The web shell's sign-in popup: GET /login waits for the core's sign-in, then goes to the IdP. */
export const webShellSignInWindow = (
  win: Pick<Window, 'open' | 'location'> = window,
): SignInWindowOpener => ({
  open: () =>
    win.open(
      new URL('/login', win.location.origin).href,
      'client-connector-sign-in',
      'popup=yes,width=520,height=720',
    ),
});

/** The web shell's bridge endpoint for a page served from `location`. */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge`;
}

/** Whether the page runs in the Electron app (the preload exposed window.connector). */
export const hasPreload = (win: Pick<Window, 'connector'> = window) => win.connector !== undefined;

/** Connects to the host the page runs in. */
export function connectBridge(
  win: Pick<Window, 'connector' | 'location' | 'open'> = window,
  options?: WebSocketConnectorOptions,
): Bridge {
  if (win.connector) return { api: wrapPreload(win.connector), kind: 'preload', link: alwaysOpen };
  const ws = new WebSocketConnector(bridgeUrl(win.location), options);
  return { api: ws, kind: 'websocket', link: ws, signInWindow: webShellSignInWindow(win) };
}

/** A bridge over a given API (the mock connector, tests). */
export const bridgeFor = (
  api: ConnectorApi,
  link: LinkSource = alwaysOpen,
  signInWindow?: SignInWindowOpener,
): Bridge => ({ api, kind: 'custom', link, ...(signInWindow ? { signInWindow } : {}) });
