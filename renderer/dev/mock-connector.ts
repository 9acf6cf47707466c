/**
 * An in-memory ConnectorApi for `vite dev`, screenshots and component tests. It runs the real
 * state machine (shared/state `transition`) with a fake effect runner: the sign-in "succeeds",
 * the tunnel "connects", the push channel "opens", each a step later. The canned scenarios, apps
 * and policy traces are in mock-fixtures.ts. Not shipped: main.tsx loads it only in dev and in
 * the `mock` build mode.
 *
 * Steps that take time in the real client are scheduled: with `autoAdvance` (the default) they
 * run after `stepMs`; without it they wait for `advance()`, so a test sees each intermediate
 * state. Machine timers (reauth reminders, reconnect backoff) are not run.
 */
import {
  DEFAULT_WINDOW_VIEW,
  parseCallInput,
  type CallInput,
  type CallOutputs,
  type CallResult,
  type ConnectorApi,
  type ConnectorCall,
  type ConnectorEventName,
  type ConnectorSettings,
  type EventPayloads,
  type WindowView,
} from '../../shared/contract/connector-contract.js';
import { toSnapshot, type ConnectorSnapshot } from '../../shared/contract/snapshot.js';
import { CODES } from '../../shared/errors/codes.js';
import { transition } from '../../shared/state/machine.js';
import type {
  ClientEvent,
  ClientNotification,
  ClientState,
  Effect,
} from '../../shared/state/types.js';
import {
  BROKER,
  BUNDLED,
  CLOUD,
  DEVICE,
  LOG_ZIP_BASE64,
  mockAbout,
  mockApps,
  mockConnection,
  mockDecision,
  mockSession,
  scenarioState,
  type MockScenario,
} from './mock-fixtures.js';
import { MockSteps } from './mock-steps.js';
import { MockTimeline } from './mock-timeline.js';

export { MOCK_SCENARIOS, MOCK_USER, isMockScenario, type MockScenario } from './mock-fixtures.js';

export interface MockOptions {
  scenario?: MockScenario;
  /** A start state of your own instead of a scenario's (the equal-snapshot test). */
  state?: ClientState;
  now?: () => number;
  /** Backoff jitter (Math.random by default). */
  random?: () => number;
  cloudUrl?: string;
  deviceId?: string;
  /** The window's view at start (the real host keeps it in settings.json). */
  view?: WindowView;
  /** Run scheduled steps by themselves (default) or only on advance(). */
  autoAdvance?: boolean;
  /** Delay of one simulated step (sign-in, connecting), with autoAdvance. */
  stepMs?: number;
  /** Tick the traffic counters every second (dev only). */
  live?: boolean;
}

type Listener = (payload: unknown) => void;

const fail = (code: string, message: string) => Object.assign(new Error(message), { code });

export class MockConnector implements ConnectorApi {
  /** Every call made, in order (for tests). */
  readonly calls: { call: ConnectorCall; input: unknown }[] = [];
  readonly scenario: MockScenario;
  private state: ClientState;
  private snap: ConnectorSnapshot;
  private readonly listeners = new Map<ConnectorEventName, Set<Listener>>();
  private readonly failures = new Map<ConnectorCall, { code: string; message: string }>();
  private readonly steps: MockSteps;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;
  private readonly random: () => number;
  private settings: ConnectorSettings;
  private readonly deviceId: string;
  private readonly timeline: MockTimeline;
  private nextConnection = 1;
  private issueSeq = 1041;

  constructor(options: MockOptions = {}) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.steps = new MockSteps(options.autoAdvance ?? true, options.stepMs ?? 900);
    this.scenario = options.scenario ?? 'on';
    this.settings = {
      cloudUrl: options.cloudUrl ?? CLOUD,
      bundledCloudUrl: BUNDLED,
      view: options.view ?? DEFAULT_WINDOW_VIEW,
    };
    this.deviceId = options.deviceId ?? DEVICE;
    this.state = options.state ?? scenarioState(this.scenario, this.now());
    this.snap = this.derive();
    this.timeline = new MockTimeline(this.scenario, this.state, this.now());
    if (options.live) this.ticker = setInterval(() => this.tick(), 1000);
  }

  // --- ConnectorApi ----------------------------------------------------------------------------

  async call<C extends ConnectorCall>(
    call: C,
    input?: CallInput<C>,
  ): Promise<CallResult<CallOutputs[C]>> {
    this.calls.push({ call, input });
    const failure = this.failures.get(call);
    if (failure) {
      this.failures.delete(call);
      return { ok: false, error: failure };
    }
    try {
      const value = await this.handle(call, parseCallInput(call, input));
      return { ok: true, value: value as CallOutputs[C] };
    } catch (e) {
      const err = e as { code?: unknown; message?: unknown };
      const code = typeof err.code === 'string' ? err.code : CODES.INTERNAL;
      const message = typeof err.message === 'string' ? err.message : String(e);
      return { ok: false, error: { code, message } };
    }
  }

  on<E extends ConnectorEventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  // --- the machine, as the core runs it --------------------------------------------------------

  get snapshot(): ConnectorSnapshot {
    return this.snap;
  }

  /** One machine event, as the core's dispatch: the transition, its effects, one snapshot. */
  dispatch(event: ClientEvent): void {
    const { state, effects } = transition(this.state, event, this.now(), {
      random: this.random,
    });
    if (state === this.state && effects.length === 0) return;
    this.timeline.record(event, this.state, state, effects, this.now());
    this.state = state;
    for (const effect of effects) this.run(effect);
    this.snap = this.derive();
    this.emit('state', this.snap);
  }

  /** The fake effect runner: what the cloud and the browser would answer, a step later. */
  private run(effect: Effect): void {
    switch (effect.type) {
      case 'openSignIn':
        return this.fakeSignIn();
      case 'cancelSignIn':
        return this.steps.cancelQueued();
      case 'connectTunnel':
        return this.steps.later(() => this.dispatch(this.cloudView()));
      case 'disconnectTunnel':
        if (this.state.service.status === 'disconnecting') {
          this.steps.later(() => this.dispatch({ type: 'disconnected' }));
        }
        return;
      case 'openChannel':
        return this.steps.later(() => this.dispatch({ type: 'channelOpened' }));
      case 'showNotification':
        return this.emit('notification', effect.notification);
      case 'refreshPolicy':
        return this.steps.later(() => this.loadApps());
      default:
        return; // timers, heartbeats, the session token and logs: nothing to fake
    }
  }

  private fakeSignIn() {
    const username = this.state.data?.username ?? '';
    if (!username.includes('@')) {
      return this.steps.later(() =>
        this.dispatch({ type: 'signInFailed', code: CODES.USERNAME_NO_DOMAIN }),
      );
    }
    this.steps.later(() => this.dispatch({ type: 'signInStarted', method: 'saml' }));
    this.steps.later(() => {
      if (this.state.auth.status !== 'authenticating') return;
      const now = this.now();
      const scimStatus = this.state.data?.session?.scimStatus ?? 'active';
      const session = mockSession(now, scimStatus, true, 0, 8 * 3600_000);
      this.dispatch({
        type: 'signInSucceeded',
        user: session.userName,
        idp: session.idpName,
        method: 'saml',
        authTime: now,
        expiresAt: now + 8 * 3600_000,
        scimReady: true,
        session,
      });
      this.loadApps();
    }, 2);
  }

  /** The cloud's view of the session (what GET /state answers). */
  private cloudView(): ClientEvent {
    const data = this.state.data;
    return {
      type: 'sessionState',
      broker: BROKER,
      session: data?.session ?? mockSession(this.now(), 'active', true),
      connections: data?.connections ?? [],
      policyVersion: data?.policyVersion ?? 0,
    };
  }

  private loadApps() {
    const auth = this.state.auth;
    const scimReady = 'scimReady' in auth ? auth.scimReady : true;
    const apps = mockApps({ scimReady, jiraExpired: auth.status === 'reauthRequired' });
    this.dispatch({ type: 'appsLoaded', apps });
    return apps;
  }

  private derive(): ConnectorSnapshot {
    const host = { cloudUrl: this.settings.cloudUrl, deviceId: this.deviceId, clockOffsetMs: 0 };
    return toSnapshot(this.state, host);
  }

  // --- test and dev helpers --------------------------------------------------------------------

  /** The next `call` fails with this code (once). */
  failNext(call: ConnectorCall, code: string, message = `Simulated failure of ${call}.`): void {
    this.failures.set(call, { code, message });
  }

  /**
   * Shows a snapshot the machine did not make (a test's escape hatch, e.g. a policy the mock has
   * no fixture for). The next machine event replaces it with the machine's own.
   */
  update(change: Partial<ConnectorSnapshot> | ((s: ConnectorSnapshot) => ConnectorSnapshot)): void {
    this.snap = typeof change === 'function' ? change(this.snap) : { ...this.snap, ...change };
    this.emit('state', this.snap);
  }

  /** Pushes a notification as the machine does (listed in the history too). */
  notify(notification: ClientNotification): void {
    const data = this.state.data;
    if (data) {
      const history = [{ ...notification, at: this.now() }, ...data.history];
      this.state = { ...this.state, data: { ...data, history } };
    }
    this.emit('notification', notification);
    this.snap = this.derive();
    this.emit('state', this.snap);
  }

  /** Runs the scheduled steps (without autoAdvance), including those they schedule. */
  advance(): number {
    return this.steps.advance();
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.steps.dispose();
    this.listeners.clear();
  }

  // --- internals -------------------------------------------------------------------------------

  private emit(event: ConnectorEventName, payload: unknown) {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(payload);
  }

  private requireSession() {
    if (!this.state.data?.session) throw fail(CODES.SESSION_INVALID, 'Sign in first.');
  }

  private async handle(call: ConnectorCall, input: unknown): Promise<unknown> {
    const s = this.snap;
    switch (call) {
      case 'getSnapshot':
        return s;
      case 'signIn':
        this.dispatch({ type: 'signIn', username: (input as { username: string }).username });
        this.dispatch({ type: 'authenticate' });
        return undefined;
      case 'cancelSignIn':
        this.steps.cancelQueued();
        if (this.state.auth.status === 'authenticating') {
          this.dispatch({ type: 'signInFailed', code: CODES.SIGN_IN_CANCELLED });
        }
        return undefined;
      case 'authenticate':
      case 'authenticateEarly':
      case 'turnOn':
      case 'turnOff':
      case 'retry':
      case 'signOut':
        this.dispatch({ type: call });
        return undefined;
      case 'restartService':
        this.dispatch({ type: 'turnOff' });
        this.steps.later(() => this.dispatch({ type: 'turnOn' }), 2);
        return undefined;
      case 'refreshApps':
        this.requireSession();
        return this.loadApps();
      case 'updatePolicy':
        this.requireSession();
        this.dispatch({ type: 'policyChanged', version: s.policyVersion + 1 });
        return this.loadApps();
      case 'openApp': {
        this.requireSession();
        const { app, port } = input as { app: string; port: number };
        const auth = this.state.auth;
        const scimReady = 'scimReady' in auth ? auth.scimReady : true;
        const reauth = auth.status === 'reauthRequired';
        const decision = mockDecision(app, port, { scimReady, reauth });
        const id = `conn-${this.nextConnection++}`;
        const connection =
          decision.outcome === 'allowed'
            ? mockConnection(id, app, port, this.now(), 0, 0, 0)
            : null;
        this.dispatch({ type: 'appOpened', app, decision, connection });
        return { decision, connection };
      }
      case 'closeConnection': {
        const { id } = input as { id: string };
        const connection = s.connections.find((c) => c.id === id);
        if (!connection) throw fail(CODES.NOT_FOUND, `No app connection ${id}.`);
        this.dispatch({ type: 'connectionClosed', connection: { ...connection, state: 'closed' } });
        return undefined;
      }
      case 'clearNotifications':
        this.dispatch({ type: 'notificationsCleared' });
        return undefined;
      default:
        return this.answer(call, input);
    }
  }

  /** The calls that read or keep data rather than drive the machine. */
  private answer(call: ConnectorCall, input: unknown): unknown {
    const s = this.snap;
    switch (call) {
      case 'exportLogs':
        return { fileName: `connector-logs-${this.deviceId}.zip`, base64: LOG_ZIP_BASE64 };
      case 'reportIssue':
        return { id: `ISSUE-${this.issueSeq++}` };
      case 'setLogLevel':
        return undefined;
      case 'getAbout':
        return mockAbout(this.settings.cloudUrl, s.policyVersion, this.deviceId);
      case 'getSettings':
        return this.settings;
      case 'setSettings': {
        const change = input as { cloudUrl?: string; view?: WindowView };
        if (change.view) this.settings = { ...this.settings, view: change.view };
        if (change.cloudUrl) {
          this.settings = { ...this.settings, cloudUrl: change.cloudUrl };
          this.snap = this.derive();
          this.emit('state', this.snap);
        }
        this.emit('settings', this.settings);
        return this.settings;
      }
      case 'getTimeline':
        return this.timeline.events(this.now());
      default:
        throw fail(CODES.INTERNAL, `The mock does not answer ${call}.`);
    }
  }

  /** Live traffic on the open connections (dev), as the cloud's stats push. */
  private tick() {
    const connections = (this.state.data?.connections ?? []).map((c) => ({
      ...c,
      bytesSent: c.bytesSent + 800 + Math.floor(Math.random() * 4000),
      bytesReceived: c.bytesReceived + 6000 + Math.floor(Math.random() * 40_000),
      lastActivityAt: new Date(this.now()).toISOString(),
    }));
    if (connections.length) this.dispatch({ type: 'connectionsUpdated', connections });
  }
}

export const createMockConnector = (options?: MockOptions) => new MockConnector(options);
