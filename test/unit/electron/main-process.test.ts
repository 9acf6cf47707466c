/**
 * The real Electron main process (electron/main/main.ts) with `electron` mocked: what the app
 * does to its identity, its main window and session, its IPC, at start-up and when the bundled
 * cloud fails. The bundled cloud and the tray probe are replaced; everything else is real.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ID, APP_NAME } from '../../../electron/main/app-identity.js';
import { UNTRUSTED_SENDER } from '../../../electron/main/ipc.js';
import { APP_URL, MAIN_CSP } from '../../../electron/main/security.js';
import { callChannel, CONNECTOR_CALL_NAMES } from '../../../shared/contract/connector-names.js';
import { describeError } from '../../../shared/errors/index.js';
import { createFakeElectron, type FakeElectron } from './fake-electron.js';

const mocks = {
  cloud: null as null | (() => Promise<unknown>),
  trayShown: true,
};

const CLOUD = { baseUrl: 'http://127.0.0.1:9', adminToken: 't', stop: vi.fn() };
let fake: FakeElectron;
let appData: string;
let signalListeners: Map<string, unknown[]>;

beforeEach(() => {
  // A fresh main process per test: main.ts starts itself when imported.
  vi.resetModules();
  fake = createFakeElectron();
  vi.doMock('electron', () => fake.electron);
  vi.doMock('../../../electron/main/bundled-cloud.js', () => ({
    startBundledCloud: () => mocks.cloud!(),
  }));
  vi.doMock('../../../electron/main/tray-visibility.js', () => ({
    trayIsShown: async () => mocks.trayShown,
  }));
  mocks.cloud = async () => CLOUD;
  mocks.trayShown = true;
  appData = mkdtempSync(join(tmpdir(), 'cc-main-'));
  fake.state.paths.set('appData', appData);
  fake.state.paths.set('downloads', appData);
  delete process.env.CONNECTOR_USER_DATA;
  signalListeners = new Map(
    (['SIGINT', 'SIGTERM'] as const).map((s) => [s, [...process.listeners(s)]]),
  );
});

afterEach(() => {
  fake.app.emit('before-quit');
  for (const [signal, before] of signalListeners) {
    for (const l of process.listeners(signal as 'SIGINT')) {
      if (!before.includes(l)) process.off(signal, l);
    }
  }
  rmSync(appData, { recursive: true, force: true });
});

/** Imports main.ts (it starts itself) and waits until its window exists. */
async function launch() {
  await import('../../../electron/main/main.js');
  await vi.waitFor(() => expect(fake.state.windows.length).toBeGreaterThan(0));
  const win = fake.state.windows[0]!;
  await new Promise((r) => setTimeout(r, 5));
  return win;
}

const mainSender = (win: FakeElectron['state']['windows'][number]) => ({
  sender: win.webContents,
  senderFrame: win.webContents.mainFrame,
});

describe('identity, before anything reads a path or takes the lock', () => {
  it('claims the AppUserModelID, the name and its own user data folder first', async () => {
    await launch();
    const log = fake.state.log;
    expect(fake.app.setAppUserModelId).toHaveBeenCalledWith(APP_ID);
    expect(fake.app.setName).toHaveBeenCalledWith(APP_NAME);
    expect(fake.state.paths.get('userData')).toBe(join(appData, APP_NAME));
    expect(log.indexOf(`setAppUserModelId ${APP_ID}`)).toBe(0);
    const firstUse = Math.min(
      log.indexOf('requestSingleInstanceLock'),
      log.findIndex((l) => l === 'getPath userData'),
    );
    expect(log.indexOf('setPath userData')).toBeLessThan(firstUse);
  });

  it('uses the user data folder a test asks for', async () => {
    process.env.CONNECTOR_USER_DATA = join(appData, 'profile');
    await launch();
    expect(fake.state.paths.get('userData')).toBe(join(appData, 'profile'));
    delete process.env.CONNECTOR_USER_DATA;
  });

  it('a second instance quits without starting anything', async () => {
    fake.state.primary = false;
    await import('../../../electron/main/main.js');
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
  });
});

describe('the main window and its session', () => {
  it('is sandboxed and isolated, with DevTools only from source', async () => {
    const win = await launch();
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: true,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(win.loaded).toEqual([APP_URL]);
  });

  it('has no DevTools when packaged', async () => {
    fake.state.packaged = true;
    (process as { resourcesPath?: string }).resourcesPath = appData;
    const win = await launch();
    expect(win.options.webPreferences.devTools).toBe(false);
  });

  it('gets the CSP on every response of its session', async () => {
    await launch();
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    fake.defaultSession.headersListener!(
      { responseHeaders: { 'content-security-policy': ['default-src *'] } },
      (r) => (out = r as typeof out),
    );
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([MAIN_CSP]);
    expect(out!.responseHeaders['content-security-policy']).toBeUndefined();
  });

  it('its session denies every permission', async () => {
    await launch();
    const s = fake.defaultSession;
    const cb = vi.fn();
    s.requestHandler!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(s.checkHandler!({}, 'notifications')).toBe(false);
    expect(s.deviceHandler!({})).toBe(false);
  });

  it('never navigates, opens no window and attaches no webview', async () => {
    const win = await launch();
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      win.webContents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(win.webContents.openHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('serves only the app host on app://, with the CSP', async () => {
    await launch();
    const other = await fake.state.protocolHandler!({ url: 'app://evil/index.html' });
    expect(other.status).toBe(404);
    const traversal = await fake.state.protocolHandler!({ url: 'app://connector/../../x' });
    expect(traversal.status).toBe(404);
  });
});

describe('IPC', () => {
  it('has a handler for every call, and serves only the main window’s own frame', async () => {
    const win = await launch();
    expect([...fake.state.handlers.keys()].sort()).toEqual(
      CONNECTOR_CALL_NAMES.map(callChannel).sort(),
    );
    const handler = fake.state.handlers.get(callChannel('getSettings'))!;
    await expect(handler(mainSender(win))).resolves.toEqual({
      ok: true,
      value: { cloudUrl: CLOUD.baseUrl, bundledCloudUrl: CLOUD.baseUrl, view: 'real' },
    });
    // Another window, a subframe, or the main frame on another origin: refused.
    const other = new fake.electron.BrowserWindow({ webPreferences: {} });
    await expect(handler(mainSender(other))).resolves.toEqual(UNTRUSTED_SENDER);
    const subframe = { sender: win.webContents, senderFrame: { url: APP_URL } };
    await expect(handler(subframe)).resolves.toEqual(UNTRUSTED_SENDER);
    win.webContents.mainFrame.url = 'https://evil.example/';
    await expect(handler(mainSender(win))).resolves.toEqual(UNTRUSTED_SENDER);
  });
});

describe('start-up', () => {
  it('a second launch or a dock click during start-up waits for the one window', async () => {
    let ready!: () => void;
    fake.state.ready = new Promise<void>((r) => (ready = r));
    await import('../../../electron/main/main.js');
    fake.app.emit('second-instance');
    fake.app.emit('activate');
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.state.windows).toHaveLength(0);
    ready();
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
    const win = fake.state.windows[0]!;
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    fake.app.emit('second-instance');
    expect(fake.state.windows).toHaveLength(1);
  });
});

describe('when the bundled cloud fails', () => {
  beforeEach(() => {
    mocks.cloud = async () => {
      throw new Error('The bundled cloud exited (1).');
    };
  });

  it('the window still opens and shows the failure with its catalog entry', async () => {
    const win = await launch();
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalled());
    const [parent, box] = fake.dialog.showMessageBox.mock.calls[0]!;
    const entry = describeError('BUNDLED_CLOUD_UNAVAILABLE');
    expect(parent).toBe(win);
    expect(box.message).toBe(entry.title);
    expect(String(box.detail)).toContain('BUNDLED_CLOUD_UNAVAILABLE');
    expect(String(box.detail)).toContain('The bundled cloud exited (1).');
    expect(box.buttons).toEqual(['Retry', 'Use Another Cloud…', 'Close']);
    expect(fake.app.exit).not.toHaveBeenCalled();
    // The window's own page says the same.
    const snapshot = await fake.state.handlers.get(callChannel('getSnapshot'))!(mainSender(win));
    expect(snapshot).toMatchObject({ ok: false, error: { code: 'BUNDLED_CLOUD_UNAVAILABLE' } });
  });

  it('Retry restarts the app (and its cloud)', async () => {
    fake.state.messageBoxResponse = 0;
    await launch();
    await vi.waitFor(() => expect(fake.app.relaunch).toHaveBeenCalled());
    expect(fake.app.exit).toHaveBeenCalledWith(0);
  });

  it('Use Another Cloud opens the Settings page', async () => {
    fake.state.messageBoxResponse = 1;
    const win = await launch();
    await vi.waitFor(() => expect(win.loaded).toEqual([APP_URL, `${APP_URL}#/settings`]));
  });
});

describe('closing the window', () => {
  it('hides it into a visible tray', async () => {
    const win = await launch();
    expect(win.userClose()).toBe(false);
    expect(win.hide).toHaveBeenCalled();
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('quits where no tray can be seen (GNOME without AppIndicator)', async () => {
    mocks.trayShown = false;
    const win = await launch();
    expect(win.userClose()).toBe(true);
    expect(fake.app.quit).toHaveBeenCalled();
  });

  it('closes for real when the app is quitting', async () => {
    const win = await launch();
    fake.app.emit('before-quit');
    expect(win.userClose()).toBe(true);
    expect(CLOUD.stop).toHaveBeenCalled();
  });
});
