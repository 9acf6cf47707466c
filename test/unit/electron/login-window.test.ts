/** The Electron login window (BrowserPort), the safeStorage cipher and the tray/notification texts. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const windows: FakeWindow[] = [];
let beforeRequest: ((d: { url: string }, cb: (r: unknown) => void) => void) | null = null;
type Handler = (...args: unknown[]) => unknown;
/** The login session's permission handlers, by the setter that installed them. */
const permissionHandlers = new Map<string, Handler>();
const safe = {
  available: true,
  backend: 'gnome_libsecret',
};

/** How the next loadURL ends: a still-valid IdP session redirects at once, which is cancelled. */
let nextLoad: () => Promise<void> = () => Promise.resolve();

class FakeWindow extends EventEmitter {
  destroyed = false;
  loaded: string | null = null;
  webContents = Object.assign(new EventEmitter(), {
    setWindowOpenHandler: vi.fn(),
  });
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    windows.push(this);
  }
  isDestroyed() {
    return this.destroyed;
  }
  loadURL(url: string) {
    this.loaded = url;
    return nextLoad();
  }
  close() {
    this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  session: {
    fromPartition: (p: string) => ({
      partition: p,
      webRequest: {
        onBeforeRequest: (l: typeof beforeRequest) => {
          beforeRequest = l;
        },
      },
      setPermissionRequestHandler: (h: Handler) => permissionHandlers.set('request', h),
      setPermissionCheckHandler: (h: Handler) => permissionHandlers.set('check', h),
      setDevicePermissionHandler: (h: Handler) => permissionHandlers.set('device', h),
    }),
  },
  safeStorage: {
    isEncryptionAvailable: () => safe.available,
    getSelectedStorageBackend: () => safe.backend,
    encryptString: vi.fn((s: string) => Buffer.from(`enc:${s}`)),
    decryptString: vi.fn((b: Buffer) => b.toString().replace(/^enc:/, '')),
  },
}));

const { attachLoginWindow } = await import('../../../electron/main/login-window.js');
const { safeStorage } = await import('electron');
const { safeStorageCipher } = await import('../../../electron/main/safe-storage.js');
const { LoginBroker } = await import('../../../electron/connector/host/login-broker.js');
const { LOOPBACK_REDIRECT } = await import('../../../electron/connector/browser-port.js');

describe('login window', () => {
  it('opens the IdP in its own partition without preload, and hands the redirect to the core', async () => {
    const broker = new LoginBroker();
    const detach = attachLoginWindow({ broker, parent: () => null });
    // Every permission the IdP's pages ask for is denied (camera, geolocation, USB, ...).
    const answer = vi.fn();
    permissionHandlers.get('request')!(null, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(permissionHandlers.get('check')!(null, 'geolocation')).toBe(false);
    expect(permissionHandlers.get('device')!({ deviceType: 'usb' })).toBe(false);
    const result = broker.authorize('https://idp.example/authorize?x=1', LOOPBACK_REDIRECT);
    const win = windows.at(-1)!;
    expect(win.loaded).toBe('https://idp.example/authorize?x=1');
    expect(win.options.webPreferences.partition).toBe('login');
    expect(win.options.webPreferences.preload).toBeUndefined();
    expect(win.webContents.setWindowOpenHandler).toHaveBeenCalled();

    // IdP pages pass; the redirect URI is stopped and resolves the sign-in.
    const pass = vi.fn();
    beforeRequest!({ url: 'https://idp.example/login' }, pass);
    expect(pass).toHaveBeenCalledWith({});
    const stop = vi.fn();
    beforeRequest!({ url: `${LOOPBACK_REDIRECT}?code=abc&state=s` }, stop);
    expect(stop).toHaveBeenCalledWith({ cancel: true });
    expect((await result).searchParams.get('code')).toBe('abc');
    expect(win.destroyed).toBe(true);
    detach();
  });

  it('lets the login window go only to web pages', () => {
    const broker = new LoginBroker();
    const detach = attachLoginWindow({ broker, parent: () => null });
    void broker.authorize('https://idp.example/a', LOOPBACK_REDIRECT).catch(() => undefined);
    const win = windows.at(-1)!;
    for (const [url, blocked] of [
      ['https://idp.example/next', false],
      ['file:///etc/passwd', true],
      ['javascript:alert(1)', true],
    ] as const) {
      const event = { preventDefault: vi.fn() };
      win.webContents.emit('will-navigate', event, url);
      expect(event.preventDefault.mock.calls.length > 0, url).toBe(blocked);
    }
    broker.cancel('closed');
    detach();
  });

  it('a load cut short by the redirect (ERR_ABORTED) rejects nothing unhandled', async () => {
    const broker = new LoginBroker();
    const detach = attachLoginWindow({ broker, parent: () => null });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The IdP redirects straight to the redirect URI: onBeforeRequest cancels it, and
    // loadURL rejects, like Electron's, after the sign-in has its result.
    nextLoad = () =>
      Promise.resolve().then(() => {
        beforeRequest!({ url: `${LOOPBACK_REDIRECT}?code=now&state=s` }, () => undefined);
        throw Object.assign(new Error('ERR_ABORTED (-3) loading'), { code: 'ERR_ABORTED' });
      });
    try {
      const result = broker.authorize('https://idp.example/a', LOOPBACK_REDIRECT);
      expect((await result).searchParams.get('code')).toBe('now');
      await new Promise((r) => setTimeout(r, 0));
      expect(warn).not.toHaveBeenCalled();
    } finally {
      nextLoad = () => Promise.resolve();
      warn.mockRestore();
      detach();
    }
  });

  it('closing the window cancels the sign-in', async () => {
    const broker = new LoginBroker();
    const detach = attachLoginWindow({ broker, parent: () => null });
    const result = broker.authorize('https://idp.example/a', LOOPBACK_REDIRECT);
    windows.at(-1)!.close();
    await expect(result).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    detach();
  });
});

describe('safeStorage secret cipher', () => {
  it('encrypts with safeStorage where the OS protects the key', () => {
    safe.available = true;
    safe.backend = 'gnome_libsecret';
    const c = safeStorageCipher()!;
    // What is stored is safeStorage's ciphertext, and it is read back through safeStorage.
    const sealed = c.encrypt('token');
    expect(safeStorage.encryptString).toHaveBeenCalledWith('token');
    expect(sealed).toBe(vi.mocked(safeStorage.encryptString).mock.results.at(-1)!.value);
    expect(c.decrypt(sealed)).toBe('token');
    expect(safeStorage.decryptString).toHaveBeenCalledWith(sealed);
  });
  it('is refused where encryption is unavailable or only "basic_text" (Linux without keyring)', () => {
    safe.available = false;
    expect(safeStorageCipher()).toBeNull();
    safe.available = true;
    safe.backend = 'basic_text';
    expect(safeStorageCipher() === null).toBe(process.platform === 'linux');
  });
});
