/** One test per security setting of the Electron layer (architecture.md §6), electron mocked. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const {
  APP_URL,
  applyCsp,
  denyNavigation,
  denyPermissions,
  denyWindowOpen,
  isTrustedSender,
  LOGIN_PARTITION,
  loginWebPreferences,
  MAIN_CSP,
  mainWebPreferences,
} = await import('../../../electron/main/security.js');

interface FakeSession {
  headersListener: null | ((d: unknown, cb: (r: unknown) => void) => void);
  requestHandler: null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void);
  checkHandler: null | ((...a: unknown[]) => boolean);
  deviceHandler: null | ((...a: unknown[]) => boolean);
  [k: string]: unknown;
}

function fakeSession(): FakeSession {
  const s: FakeSession = {
    headersListener: null,
    requestHandler: null,
    checkHandler: null,
    deviceHandler: null,
    webRequest: {
      onHeadersReceived(l: (d: unknown, cb: (r: unknown) => void) => void) {
        s.headersListener = l;
      },
    },
    setPermissionRequestHandler(h: FakeSession['requestHandler']) {
      s.requestHandler = h;
    },
    setPermissionCheckHandler(h: FakeSession['checkHandler']) {
      s.checkHandler = h;
    },
    setDevicePermissionHandler(h: FakeSession['deviceHandler']) {
      s.deviceHandler = h;
    },
  };
  return s;
}

type Session = Parameters<typeof applyCsp>[0];
type Contents = Parameters<typeof denyNavigation>[0];

describe('main window webPreferences', () => {
  const prefs = mainWebPreferences('/app/preload.cjs', false);
  it('isolates the context', () => expect(prefs.contextIsolation).toBe(true));
  it('sandboxes the renderer', () => expect(prefs.sandbox).toBe(true));
  it('gives the renderer no Node.js', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('allows no <webview>', () => expect(prefs.webviewTag).toBe(false));
  it('keeps web security and refuses insecure content', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });
  it('does not navigate on a dropped file', () => expect(prefs.navigateOnDragDrop).toBe(false));
  it('opens nothing on a middle click (Auxclick off)', () =>
    expect(prefs.disableBlinkFeatures).toBe('Auxclick'));
  it('loads the preload that exposes window.connector', () =>
    expect(prefs.preload).toBe('/app/preload.cjs'));
  it('opens DevTools only when asked (from source, never packaged)', () => {
    expect(prefs.devTools).toBe(false);
    expect(mainWebPreferences('/app/preload.cjs', true).devTools).toBe(true);
  });
});

describe('login window webPreferences', () => {
  const prefs = loginWebPreferences();
  it('uses its own session partition (not the app session, not persisted)', () => {
    expect(prefs.partition).toBe(LOGIN_PARTITION);
    expect(prefs.partition!.startsWith('persist:')).toBe(false);
  });
  it('has no preload: IdP pages get no window.connector', () =>
    expect(prefs.preload).toBeUndefined());
  it('is sandboxed and isolated without Node.js, Auxclick off', () => {
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
  });
});

describe('strict CSP through the session headers', () => {
  it('adds the CSP to every response and replaces the page’s own', () => {
    const s = fakeSession();
    applyCsp(s as unknown as Session);
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    s.headersListener!(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      (r: unknown) => (out = r as typeof out),
    );
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([MAIN_CSP]);
    expect(out!.responseHeaders['content-security-policy']).toBeUndefined();
    expect(out!.responseHeaders['X-Other']).toEqual(['1']);
  });
  it('allows only the app’s own scripts, no inline code, no plugins, no framing', () => {
    expect(MAIN_CSP).toContain("default-src 'self'");
    expect(MAIN_CSP).toContain("script-src 'self'");
    expect(MAIN_CSP).not.toContain('unsafe-inline');
    expect(MAIN_CSP).not.toContain('unsafe-eval');
    expect(MAIN_CSP).toContain("object-src 'none'");
    expect(MAIN_CSP).toContain("frame-ancestors 'none'");
  });
});

describe('permission requests', () => {
  it('are all refused', () => {
    const s = fakeSession();
    denyPermissions(s as unknown as Session);
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      s.requestHandler!({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(s.checkHandler!({}, 'media')).toBe(false);
    expect(s.deviceHandler!({})).toBe(false);
  });
});

describe('navigation', () => {
  it('is denied in the main window (will-navigate, will-redirect, webviews)', () => {
    const contents = new EventEmitter();
    denyNavigation(contents as unknown as Contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });
});

describe('window.open', () => {
  it('is denied', () => {
    let handler: ((d: unknown) => { action: string }) | null = null;
    const contents = { setWindowOpenHandler: (h: typeof handler) => (handler = h) };
    denyWindowOpen(contents as unknown as Contents);
    expect(handler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('IPC sender check', () => {
  const mainFrame = { url: APP_URL };
  const main = { mainFrame, isDestroyed: () => false } as unknown as Contents;
  it('accepts the main window’s main frame on the app origin', () => {
    expect(isTrustedSender({ sender: main, senderFrame: mainFrame } as never, main)).toBe(true);
  });
  it('refuses another window', () => {
    const other = { mainFrame, isDestroyed: () => false };
    expect(isTrustedSender({ sender: other, senderFrame: mainFrame } as never, main)).toBe(false);
  });
  it('refuses a subframe', () => {
    const sub = { url: APP_URL };
    expect(isTrustedSender({ sender: main, senderFrame: sub } as never, main)).toBe(false);
  });
  it('refuses the main frame once it shows another origin', () => {
    const frame = { url: 'https://evil.example/' };
    const m = { mainFrame: frame, isDestroyed: () => false } as unknown as Contents;
    expect(isTrustedSender({ sender: m, senderFrame: frame } as never, m)).toBe(false);
    const file = { url: 'file:///etc/passwd' };
    const f = { mainFrame: file, isDestroyed: () => false } as unknown as Contents;
    expect(isTrustedSender({ sender: f, senderFrame: file } as never, f)).toBe(false);
  });
  it('refuses when there is no main window, or it is destroyed', () => {
    expect(isTrustedSender({ sender: main, senderFrame: mainFrame } as never, null)).toBe(false);
    const gone = { mainFrame, isDestroyed: () => true } as unknown as Contents;
    expect(isTrustedSender({ sender: gone, senderFrame: mainFrame } as never, gone)).toBe(false);
  });
});
