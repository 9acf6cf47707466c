/**
 * A fake of the parts of `electron` the main process uses, recording what the app does with
 * them, for tests that import the real electron/main/main.ts (`vi.mock('electron', ...)`).
 * Like Electron, every BrowserWindow's webContents is announced by app 'web-contents-created',
 * and a window is 'ready-to-show' once its page has loaded.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (event: unknown, input?: unknown) => Promise<unknown>;

export class FakeSession {
  headersListener: ((d: unknown, cb: (r: unknown) => void) => void) | null = null;
  requestHandler: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
  checkHandler: ((...a: unknown[]) => boolean) | null = null;
  deviceHandler: ((...a: unknown[]) => boolean) | null = null;
  webRequest = {
    onHeadersReceived: (l: FakeSession['headersListener']) => {
      this.headersListener = l;
    },
    onBeforeRequest: vi.fn(),
  };
  setPermissionRequestHandler(h: FakeSession['requestHandler']) {
    this.requestHandler = h;
  }
  setPermissionCheckHandler(h: FakeSession['checkHandler']) {
    this.checkHandler = h;
  }
  setDevicePermissionHandler(h: FakeSession['deviceHandler']) {
    this.deviceHandler = h;
  }
}

export class FakeWebContents extends EventEmitter {
  mainFrame = { url: '' };
  destroyed = false;
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  sent: [string, unknown][] = [];
  setWindowOpenHandler(h: FakeWebContents['openHandler']) {
    this.openHandler = h;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

export function createFakeElectron() {
  const state = {
    windows: [] as FakeWindow[],
    handlers: new Map<string, Handler>(),
    /** Calls in order, to check what came first. */
    log: [] as string[],
    paths: new Map<string, string>(),
    primary: true,
    packaged: false,
    ready: Promise.resolve() as Promise<void>,
    protocolHandler: null as ((r: { url: string }) => Promise<Response>) | null,
    messageBoxResponse: 2,
  };

  const app = Object.assign(new EventEmitter(), {
    setAppUserModelId: vi.fn((id: string) => state.log.push(`setAppUserModelId ${id}`)),
    setName: vi.fn((name: string) => state.log.push(`setName ${name}`)),
    setPath: vi.fn((name: string, p: string) => {
      state.log.push(`setPath ${name}`);
      state.paths.set(name, p);
    }),
    getPath: vi.fn((name: string) => {
      state.log.push(`getPath ${name}`);
      const p = state.paths.get(name);
      if (!p) throw new Error(`no path ${name}`);
      return p;
    }),
    requestSingleInstanceLock: vi.fn(() => {
      state.log.push('requestSingleInstanceLock');
      return state.primary;
    }),
    whenReady: () => state.ready,
    getVersion: () => '9.9.9',
    quit: vi.fn(() => state.log.push('quit')),
    exit: vi.fn((code: number) => state.log.push(`exit ${code}`)),
    relaunch: vi.fn(() => state.log.push('relaunch')),
  });
  // A getter (Object.assign would copy today's value).
  Object.defineProperty(app, 'isPackaged', { get: () => state.packaged });

  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents();
    destroyed = false;
    visible = false;
    loaded: string[] = [];
    show = vi.fn(() => {
      this.visible = true;
    });
    focus = vi.fn();
    hide = vi.fn(() => {
      this.visible = false;
    });
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      state.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    isDestroyed() {
      return this.destroyed;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      this.webContents.mainFrame.url = url;
      setTimeout(() => this.emit('ready-to-show'), 0);
      return Promise.resolve();
    }
    /** What the user's click on the close button does: true if the window really closed. */
    userClose() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) this.destroy();
      return !prevented;
    }
    close() {
      this.userClose();
    }
    destroy() {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }

  const defaultSession = new FakeSession();
  const partitions = new Map<string, FakeSession>();
  const dialog = {
    showMessageBox: vi.fn(async (_win: unknown, _opts: Record<string, unknown>) => ({
      response: state.messageBoxResponse,
    })),
    showErrorBox: vi.fn(),
    showSaveDialog: vi.fn(async () => ({ canceled: true })),
  };

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog,
    ipcMain: {
      handle: (channel: string, h: Handler) => state.handlers.set(channel, h),
      removeHandler: (channel: string) => state.handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: (_scheme: string, h: NonNullable<typeof state.protocolHandler>) => {
        state.protocolHandler = h;
      },
    },
    session: {
      defaultSession,
      fromPartition: (p: string) => {
        if (!partitions.has(p)) partitions.set(p, new FakeSession());
        return partitions.get(p)!;
      },
    },
    Tray: class {
      setContextMenu = vi.fn();
      setToolTip = vi.fn();
      on = vi.fn();
      destroy = vi.fn();
    },
    Menu: { buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromPath: (p: string) => ({ path: p }) },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    safeStorage: { isEncryptionAvailable: () => false },
    utilityProcess: { fork: vi.fn() },
  };
  return { electron, state, defaultSession, partitions, dialog, app };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
