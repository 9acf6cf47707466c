/**
 * The Electron host: wires the connector service (electron/connector/host) to windows, the
 * tray, OS notifications, the login window and safeStorage. No logic of its own lives here.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session,
  type BrowserWindow as Win,
} from 'electron';
import type { SecretStore } from '../connector/core/session-store.js';
import { MemorySecretStore } from '../connector/core/session-store.js';
import { ConnectorService } from '../connector/host/connector-service.js';
import { FileSecretStore, secretFileFor } from '../connector/host/file-secret-store.js';
import { IssueReporter } from '../connector/host/issue-reporter.js';
import { LoginBroker } from '../connector/host/login-broker.js';
import { APP_NAME } from '../connector/host/presentation.js';
import { SettingsStore } from '../connector/host/settings-store.js';
import { readStatic } from '../web-shell/static-files.js';
import { startBundledCloud, type BundledCloud } from './bundled-cloud.js';
import { registerConnectorIpc } from './ipc.js';
import { attachLoginWindow } from './login-window.js';
import { createOsNotifications } from './os-notifications.js';
import { safeStorageCipher } from './safe-storage.js';
import {
  APP_HOST,
  APP_SCHEME,
  APP_URL,
  applyCsp,
  denyNavigation,
  denyPermissions,
  denyWindowOpen,
  MAIN_CSP,
  mainWebPreferences,
} from './security.js';
import { createTray } from './tray.js';

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

// Tests (test/e2e-electron) start the app on a throwaway profile and an in-memory cloud.
if (process.env.CONNECTOR_USER_DATA) app.setPath('userData', process.env.CONNECTOR_USER_DATA);

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

// Every window, whatever made it: no window.open, no webviews.
app.on('web-contents-created', (_event, contents) => {
  denyWindowOpen(contents);
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

let mainWindow: Win | null = null;
let quitting = false;
let cloud: BundledCloud | null = null;
let service: ConnectorService | null = null;
/** Held for the app's life: an unreferenced Tray is garbage-collected and vanishes. */
let tray: { destroy(): void } | null = null;

function showMain() {
  if (!mainWindow || mainWindow.isDestroyed()) createMainWindow();
  mainWindow!.show();
  mainWindow!.focus();
}

function createMainWindow() {
  const win = new BrowserWindow({
    width: 440,
    height: 760,
    minWidth: 360,
    minHeight: 560,
    title: APP_NAME,
    show: false,
    icon,
    autoHideMenuBar: true,
    webPreferences: mainWebPreferences(preload),
  });
  denyNavigation(win.webContents);
  win.once('ready-to-show', () => win.show());
  // Close is not Exit (nor Log Out): the client keeps running in the tray.
  win.on('close', (e) => {
    if (!quitting) {
      e.preventDefault();
      win.hide();
    }
  });
  void win.loadURL(APP_URL);
  mainWindow = win;
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

async function start() {
  await app.whenReady();
  applyCsp(session.defaultSession);
  denyPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readStatic(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.type,
        'content-security-policy': MAIN_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  });

  const userData = app.getPath('userData');
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
  } catch (e) {
    console.error(`Bundled cloud unavailable: ${(e as Error).message}`);
  }

  const cipher = safeStorageCipher();
  const memory = new Map<string, SecretStore>();
  const broker = new LoginBroker();
  service = new ConnectorService({
    host: 'electron',
    appVersion: app.getVersion(),
    electronVersion: process.versions.electron ?? null,
    chromeVersion: process.versions.chrome ?? null,
    settings: new SettingsStore(userData),
    bundledCloudUrl: cloud?.baseUrl ?? null,
    browser: broker,
    secretsFor: (key) => {
      if (cipher) return new FileSecretStore(secretFileFor(userData, key), cipher);
      if (!memory.has(key)) memory.set(key, new MemorySecretStore());
      return memory.get(key)!;
    },
    issues: new IssueReporter(userData),
  });
  if (!cipher) service.log.warn('safeStorage unavailable: the session is kept in memory only');
  const svc = service;

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

  try {
    await svc.start();
  } catch (e) {
    dialog.showErrorBox(APP_NAME, `Client Connector could not start: ${(e as Error).message}`);
    app.exit(1);
    return;
  }

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
  createMainWindow();
  if (cloud) console.log(`Bundled cloud: ${cloud.baseUrl} (admin token ${cloud.adminToken})`);
}

app.on('second-instance', showMain);
app.on('activate', showMain);
app.on('window-all-closed', () => {
  // Keep running in the tray.
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
