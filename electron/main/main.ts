/**
 * The Electron host: wires the connector service (electron/connector/host) to windows, the
 * tray, OS notifications, the login window and safeStorage. No logic of its own lives here.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, protocol, session, type BrowserWindow as Win } from 'electron';
import type { SecretStore } from '../connector/core/session-store.js';
import { MemorySecretStore } from '../connector/core/session-store.js';
import { ConnectorService, toCallError } from '../connector/host/connector-service.js';
import { FileSecretStore, secretFileFor } from '../connector/host/file-secret-store.js';
import { IssueReporter } from '../connector/host/issue-reporter.js';
import { LoginBroker } from '../connector/host/login-broker.js';
import { SettingsStore } from '../connector/host/settings-store.js';
import { APP_ID, APP_NAME } from './app-identity.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { startBundledCloud, type BundledCloud } from './bundled-cloud.js';
import { registerConnectorIpc } from './ipc.js';
import { attachLoginWindow } from './login-window.js';
import { createMainWindow } from './main-window.js';
import { createOsNotifications } from './os-notifications.js';
import { safeStorageCipher } from './safe-storage.js';
import { APP_URL, applyCsp, denyPermissions, denyWindowOpen } from './security.js';
import { askAboutStartFailure } from './start-failure.js';
import { trayIsShown } from './tray-visibility.js';
import { createTray } from './tray.js';
import { CODES } from '../../shared/errors/codes.js';

/** dist/electron (this file is bundled to dist/electron/main.mjs). */
const here = dirname(fileURLToPath(import.meta.url));
const appRoot = process.env.CONNECTOR_APP_ROOT ?? join(here, '..', '..');
const rendererDir = join(here, '..', 'renderer');
const preload = join(here, 'preload.cjs');
const iconsDir = app.isPackaged
  ? join(process.resourcesPath, 'icons')
  : join(appRoot, 'build', 'icons');
const icon = join(iconsDir, 'icon.png');
const trayIcon = join(iconsDir, process.platform === 'win32' ? '32x32.png' : '16x16.png');

// Who the app is, before anything reads a path or takes the single-instance lock (both live in
// userData). Windows shows no notification of an app without its AppUserModelID; from source the
// app would otherwise be "Electron" and share ~/.config/Electron with any app launched that way.
// Tests (test/e2e-electron) start the app on a throwaway profile and an in-memory cloud.
app.setAppUserModelId(APP_ID);
app.setName(APP_NAME);
app.setPath('userData', process.env.CONNECTOR_USER_DATA ?? join(app.getPath('appData'), APP_NAME));

registerAppScheme(protocol);

const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

// Every window, whatever made it: no window.open, no webviews.
app.on('web-contents-created', (_event, contents) => {
  denyWindowOpen(contents);
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

let mainWindow: Win | null = null;
let quitting = false;
let trayShown = false;
/** A second launch or a dock click before the window existed: served once it does. */
let showQueued = false;
let cloud: BundledCloud | null = null;
let service: ConnectorService | null = null;
const broker = new LoginBroker();
/** Held for the app's life: an unreferenced Tray is garbage-collected and vanishes. */
let tray: { destroy(): void } | null = null;

function showMain() {
  if (!mainWindow) {
    showQueued = true;
    return;
  }
  if (mainWindow.isDestroyed()) mainWindow = newMainWindow();
  mainWindow.show();
  mainWindow.focus();
}

function newMainWindow(): Win {
  return createMainWindow({
    preload,
    icon,
    devTools: !app.isPackaged,
    quitting: () => quitting,
    trayShown: () => trayShown,
    quit: () => app.quit(),
  });
}

async function exportLogsToFile() {
  if (!service) return;
  const r = await service.invoke('exportLogs');
  if (!r.ok) {
    dialog.showErrorBox('Export Logs', `${r.error.message} (${r.error.code})`);
    return;
  }
  const target = await dialog.showSaveDialog({
    title: 'Export Logs',
    defaultPath: join(app.getPath('downloads'), r.value.fileName),
    filters: [{ name: 'ZIP', extensions: ['zip'] }],
  });
  if (!target.canceled && target.filePath) {
    await writeFile(target.filePath, Buffer.from(r.value.base64, 'base64'));
  }
}

/** Starts the bundled cloud; its failure is returned, not thrown: the window opens anyway. */
async function startCloud(userData: string): Promise<Error | null> {
  try {
    cloud = await startBundledCloud({
      packaged: app.isPackaged,
      appDir: app.isPackaged ? here : appRoot,
      db: process.env.CONNECTOR_CLOUD_DB ?? join(userData, 'cloud.db'),
      ...(process.env.CONNECTOR_ADMIN_TOKEN
        ? { adminToken: process.env.CONNECTOR_ADMIN_TOKEN }
        : {}),
      ...(process.env.CONNECTOR_NODE ? { nodePath: process.env.CONNECTOR_NODE } : {}),
    });
    console.log(`Bundled cloud: ${cloud.baseUrl} (admin token ${cloud.adminToken})`);
    return null;
  } catch (e) {
    console.error(`Bundled cloud unavailable: ${(e as Error).message}`);
    return e as Error;
  }
}

function createService(userData: string, cloudError: Error | null): ConnectorService {
  const cipher = safeStorageCipher();
  const memory = new Map<string, SecretStore>();
  const svc = new ConnectorService({
    host: 'electron',
    appVersion: app.getVersion(),
    electronVersion: process.versions.electron ?? null,
    chromeVersion: process.versions.chrome ?? null,
    settings: new SettingsStore(userData),
    bundledCloudUrl: cloud?.baseUrl ?? null,
    bundledCloudError: cloudError?.message ?? null,
    browser: broker,
    secretsFor: (key) => {
      if (cipher) return new FileSecretStore(secretFileFor(userData, key), cipher);
      if (!memory.has(key)) memory.set(key, new MemorySecretStore());
      return memory.get(key)!;
    },
    issues: new IssueReporter(userData),
  });
  if (!cipher) svc.log.warn('safeStorage unavailable: the session is kept in memory only');
  return svc;
}

/** The window says why the service did not start, and offers Retry or another cloud. */
async function offerStartFailure(win: Win, error: { code: string; message: string }) {
  await new Promise<void>((resolve) => win.once('ready-to-show', () => resolve()));
  const choice = await askAboutStartFailure(dialog, win, error);
  if (choice === 'retry') {
    app.relaunch();
    app.exit(0);
  } else if (choice === 'settings') {
    void win.loadURL(`${APP_URL}#/settings`).catch(() => undefined);
  }
}

async function start() {
  await app.whenReady();
  applyCsp(session.defaultSession);
  denyPermissions(session.defaultSession);
  serveRenderer(protocol, rendererDir);

  const userData = app.getPath('userData');
  const cloudError = await startCloud(userData);
  const svc = (service = createService(userData, cloudError));
  if (cloudError) svc.log.error('bundled cloud unavailable', { message: cloudError.message });

  registerConnectorIpc(ipcMain, svc, () => mainWindow?.webContents ?? null);
  attachLoginWindow({ broker, parent: () => mainWindow, icon });
  const notes = createOsNotifications({
    icon,
    snapshot: () => svc.snapshot(),
    onClick: showMain,
    onAction: (action) => void svc.call(action.event),
  });
  svc.on('notification', (n) => notes.show(n));
  svc.on('dismissNotification', (id) => notes.dismiss(id));

  // A remote cloud in the settings still works without the bundled one.
  const [startError, shown] = await Promise.all([
    svc.start().then(
      () => null,
      (e: unknown) => e,
    ),
    trayIsShown(),
  ]);
  trayShown = shown;
  tray = createTray(
    trayIcon,
    () => svc.snapshot(),
    (listener) => svc.subscribe('state', listener),
    {
      open: showMain,
      authenticate: () => void svc.call('authenticate'),
      authenticateEarly: () => void svc.call('authenticateEarly'),
      exportLogs: () => void exportLogsToFile(),
      reportIssue: showMain,
      exit: () => app.quit(),
    },
  );
  const win = (mainWindow = newMainWindow());
  if (showQueued) showMain();
  if (startError) {
    const failure = cloudError
      ? { code: CODES.BUNDLED_CLOUD_UNAVAILABLE, message: cloudError.message }
      : toCallError(startError);
    svc.log.error('the connector service did not start', failure);
    await offerStartFailure(win, failure);
  }
}

app.on('second-instance', showMain);
app.on('activate', showMain);
app.on('window-all-closed', () => {
  // Keep running in the tray (without one, closing the window quits: main-window.ts).
});
app.on('before-quit', () => {
  quitting = true;
  tray?.destroy();
  tray = null;
  void service?.dispose();
  cloud?.stop();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

if (primary) {
  start().catch((e: unknown) => {
    console.error(e);
    app.exit(1);
  });
}
