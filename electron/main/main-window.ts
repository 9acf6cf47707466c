/** The Client Connector window: the security baseline, and what closing it means. */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_NAME } from './app-identity.js';
import { APP_URL, denyNavigation, mainWebPreferences } from './security.js';

export interface MainWindowOptions {
  preload: string;
  icon: string;
  /** DevTools: from source only, never in a packaged build. */
  devTools: boolean;
  /** The app is exiting: closing really closes. */
  quitting(): boolean;
  /** A tray icon the user can see holds the app: closing hides the window into it. */
  trayShown(): boolean;
  /** No visible tray: nothing could bring a hidden window back, so closing is Exit. */
  quit(): void;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const options: BrowserWindowConstructorOptions = {
    width: 440,
    height: 760,
    minWidth: 360,
    minHeight: 560,
    title: APP_NAME,
    show: false,
    icon: opts.icon,
    autoHideMenuBar: true,
    webPreferences: mainWebPreferences(opts.preload, opts.devTools),
  };
  // Electronegativity sees no webPreferences literal here: mainWebPreferences() sets context
  // isolation, the sandbox and Auxclick off, each unit-tested (build/electronegativity.md).
  const win = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  denyNavigation(win.webContents);
  win.once('ready-to-show', () => win.show());
  // Close is not Exit (nor Log Out): the client keeps running in the tray, where there is one.
  win.on('close', (e) => {
    if (opts.quitting()) return;
    if (opts.trayShown()) {
      e.preventDefault();
      win.hide();
    } else opts.quit();
  });
  void win.loadURL(APP_URL).catch((e: unknown) => {
    console.error(`The window could not load ${APP_URL}: ${(e as Error).message}`);
  });
  return win;
}
