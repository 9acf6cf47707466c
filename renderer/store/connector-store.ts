/**
 * The renderer's state: the latest ConnectorSnapshot (pushed by the core's `state` event,
 * fetched with getSnapshot at start and after the link comes back) and the UI's own state
 * (page, busy calls, the last failure of each call, the last app access attempt, dialogs).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AboutInfo,
  CallInput,
  CallOutputs,
  CallResult,
  ConnectorCall,
  ConnectorSettings,
} from '../../shared/contract/connector-contract';
import { DEFAULT_WINDOW_VIEW, type WindowView } from '../../shared/contract/connector-names';
import type { ConnectorSnapshot } from '../../shared/contract/snapshot';
import type { ClientNotification } from '../../shared/state/types';
import type { Bridge, LinkInfo } from '../bridge';
import { isSignedIn, startsSignIn } from './selectors';

/** After the popup closes, how long a sign-in may still finish before we say it was closed. */
const CLOSED_GRACE_MS = 2000;

export const PAGES = [
  'sign-in',
  'private-access',
  'apps',
  'notifications',
  'troubleshoot',
  'about',
  'settings',
] as const;
export type PageId = (typeof PAGES)[number];

/** Pages that need a session; the others are there signed in or not. */
export const SESSION_PAGES: readonly PageId[] = ['private-access', 'apps'];

export const isPageId = (v: unknown): v is PageId =>
  typeof v === 'string' && (PAGES as readonly string[]).includes(v);

export interface CallError {
  code: string;
  message: string;
  at: number;
}

export interface OpenAttempt {
  app: string;
  port: number;
  at: number;
  result: CallOutputs['openApp'] | null;
  error: CallError | null;
}

export type Dialog = 'reportIssue' | null;

export interface ConnectorState {
  link: LinkInfo;
  snapshot: ConnectorSnapshot | null;
  /** getSnapshot failed (nothing to show yet). */
  loadError: CallError | null;
  /** The page asked for; the page shown also depends on the sign-in (see shownPage). */
  page: PageId;
  /** Calls in flight, by name. */
  busy: Partial<Record<ConnectorCall, number>>;
  /** The last failure of each call, cleared when it next succeeds. */
  errors: Partial<Record<ConnectorCall, CallError>>;
  lastOpen: OpenAttempt | null;
  /** The last pushed notification, shown briefly (the reauth one is the banner instead). */
  toast: (ClientNotification & { at: number }) | null;
  dialog: Dialog;
  about: AboutInfo | null;
  settings: ConnectorSettings | null;
  /**
   * The web shell's sign-in popup: open, closed before the sign-in ended, or blocked by the
   * browser (null: none, or the host has its own login window).
   */
  signInWindow: 'open' | 'closed' | 'blocked' | null;
}

export interface ConnectorActions {
  /** Subscribes to the core's events and the link, and loads the snapshot. Returns a stop. */
  start(): () => void;
  /** Fetches the whole snapshot again. */
  refresh(): Promise<void>;
  /** Any contract call, with busy and error bookkeeping. */
  call<C extends ConnectorCall>(call: C, input?: CallInput<C>): Promise<CallResult<CallOutputs[C]>>;
  navigate(page: PageId): void;
  openApp(app: string, port?: number): Promise<void>;
  clearError(call: ConnectorCall): void;
  openDialog(dialog: Exclude<Dialog, null>): void;
  closeDialog(): void;
  dismissToast(): void;
  loadAbout(): Promise<void>;
  loadSettings(): Promise<void>;
  /** Opens (or brings forward) the sign-in window, where the host needs the page to. */
  openSignInWindow(): void;
}

export type ConnectorStoreState = ConnectorState & { actions: ConnectorActions };
export type ConnectorStore = StoreApi<ConnectorStoreState>;

export interface StoreOptions {
  now?: () => number;
  initialPage?: PageId;
  /** The state the page came with (the web shell's page state): the first render shows it. */
  initialSnapshot?: ConnectorSnapshot | null;
}

export function createConnectorStore(bridge: Bridge, options: StoreOptions = {}): ConnectorStore {
  const now = options.now ?? Date.now;
  const { api, link } = bridge;

  return createStore<ConnectorStoreState>()((set, get) => {
    let popup: Window | null = null;
    let watcher: ReturnType<typeof setInterval> | null = null;

    const authenticating = () => get().snapshot?.auth.status === 'authenticating';

    const stopWatching = () => {
      if (watcher !== null) clearInterval(watcher);
      watcher = null;
    };

    /** Must run inside the click's task: browsers only allow popups from a user gesture. */
    const openSignInWindow = () => {
      if (!bridge.signInWindow) return;
      if (popup && !popup.closed) {
        popup.focus();
        return;
      }
      popup = bridge.signInWindow.open();
      set({ signInWindow: popup ? 'open' : 'blocked' });
      stopWatching();
      if (!popup) return;
      const watched = popup;
      watcher = setInterval(() => {
        if (!watched.closed) return;
        stopWatching();
        if (popup === watched) popup = null;
        // The success page closes itself: give the core time to finish before saying "closed".
        setTimeout(() => {
          if (popup === null && get().signInWindow === 'open') {
            set({ signInWindow: authenticating() ? 'closed' : null });
          }
        }, CLOSED_GRACE_MS);
      }, 500);
    };

    /** The sign-in ended (or never started): the window has nothing left to do. */
    const closeSignInWindow = () => {
      stopWatching();
      if (popup && !popup.closed) popup.close();
      popup = null;
      if (get().signInWindow !== null) set({ signInWindow: null });
    };

    const call = async <C extends ConnectorCall>(
      name: C,
      input?: CallInput<C>,
    ): Promise<CallResult<CallOutputs[C]>> => {
      const signIn = startsSignIn(name, get().snapshot);
      if (signIn) openSignInWindow();
      set((s) => ({ busy: { ...s.busy, [name]: (s.busy[name] ?? 0) + 1 } }));
      const result = await api.call(name, input);
      if (!result.ok && signIn && !authenticating()) {
        closeSignInWindow();
      }
      set((s) => {
        const busy = { ...s.busy, [name]: Math.max(0, (s.busy[name] ?? 1) - 1) };
        if (busy[name] === 0) delete busy[name];
        const errors = { ...s.errors };
        if (result.ok) delete errors[name];
        else errors[name] = { ...result.error, at: now() };
        return { busy, errors };
      });
      return result;
    };

    /**
     * A sign-in under way that this page has no window for (the page was closed or reloaded
     * during the sign-in): say so, so the user can open the window again or cancel, never wait
     * on "Authenticating…" for a window that is gone.
     */
    const noticeOrphanSignIn = () => {
      if (bridge.signInWindow && authenticating() && popup === null && !get().signInWindow) {
        set({ signInWindow: 'closed' });
      }
    };

    const refresh = async () => {
      const result = await call('getSnapshot');
      if (result.ok) set({ snapshot: result.value, loadError: null });
      else if (!get().snapshot) set({ loadError: { ...result.error, at: now() } });
      noticeOrphanSignIn();
    };

    const actions: ConnectorActions = {
      start() {
        const offState = api.on('state', (snapshot) => {
          const wasAuthenticating = authenticating();
          set({ snapshot, loadError: null });
          if (wasAuthenticating && snapshot.auth.status !== 'authenticating') closeSignInWindow();
        });
        // The view (Settings, or a trainer's tool) applies at once, in every window.
        const offSettings = api.on('settings', (settings) => set({ settings }));
        const offNotification = api.on('notification', (n) => {
          if (n.category === 'zpaReauthentication') return; // the banner shows it
          set({ toast: { ...n, at: now() } });
        });
        let wasOpen = link.getLink().state === 'open';
        const offLink = link.onLink((info) => {
          set({ link: info });
          // Whatever happened while the link was down, the snapshot tells (unless a read is
          // already waiting to go out).
          if (info.state === 'open' && !wasOpen && !get().busy.getSnapshot) void refresh();
          wasOpen = info.state === 'open';
        });
        set({ link: link.getLink() });
        void refresh();
        void actions.loadSettings();
        return () => {
          offState();
          offSettings();
          offNotification();
          offLink();
          stopWatching();
        };
      },
      refresh,
      call,
      navigate(page) {
        set({ page });
      },
      async openApp(app, port = 443) {
        const target = app.trim().toLowerCase();
        set({ lastOpen: { app: target, port, at: now(), result: null, error: null } });
        const result = await call('openApp', { app: target, port });
        set({
          lastOpen: {
            app: target,
            port,
            at: now(),
            result: result.ok ? result.value : null,
            error: result.ok ? null : { ...result.error, at: now() },
          },
        });
      },
      clearError(name) {
        set((s) => {
          if (!s.errors[name]) return s;
          const errors = { ...s.errors };
          delete errors[name];
          return { errors };
        });
      },
      openDialog(dialog) {
        set({ dialog });
      },
      closeDialog() {
        set({ dialog: null });
      },
      dismissToast() {
        set({ toast: null });
      },
      async loadAbout() {
        const result = await call('getAbout');
        if (result.ok) set({ about: result.value });
      },
      async loadSettings() {
        const result = await call('getSettings');
        if (result.ok) set({ settings: result.value });
      },
      openSignInWindow,
    };

    return {
      link: link.getLink(),
      snapshot: options.initialSnapshot ?? null,
      loadError: null,
      page: options.initialPage ?? 'private-access',
      busy: {},
      errors: {},
      lastOpen: null,
      toast: null,
      dialog: null,
      about: null,
      settings: null,
      signInWindow: null,
      actions,
    };
  });
}

/** The window's view: the settings' (the real client's until they are loaded). */
export const windowViewOf = (s: ConnectorState): WindowView =>
  s.settings?.view ?? DEFAULT_WINDOW_VIEW;

/** The page to show: session pages need a session, the sign-in page needs none. */
export function shownPage(page: PageId, snapshot: ConnectorSnapshot | null): PageId {
  const signedIn = snapshot !== null && isSignedIn(snapshot.auth);
  if (!signedIn && SESSION_PAGES.includes(page)) return 'sign-in';
  if (signedIn && page === 'sign-in') return 'private-access';
  return page;
}
