/**
 * An in-memory ConnectorApi for `vite dev`, screenshots and component tests: a few canned states
 * (signed out, on, the Okta sync error, reauthentication required or due soon, a blocked app
 * with its policy trace) and plausible reactions to every call. Not shipped: main.tsx loads it
 * only in dev and in the `mock` build mode.
 *
 * Transitions that take time in the real client (sign-in, connecting) are scheduled: with
 * `autoAdvance` (the default) they run after `stepMs`; without it they wait for `advance()`, so
 * a test sees each intermediate state.
 */
import './zod-jitless';
import {
  parseCallInput,
  type AboutInfo,
  type CallInput,
  type CallOutputs,
  type CallResult,
  type ConnectorApi,
  type ConnectorCall,
  type ConnectorEventName,
  type ConnectorSettings,
  type EventPayloads,
} from '../../shared/contract/connector-contract';
import type { ConnectorSnapshot } from '../../shared/contract/snapshot';
import type {
  AccessDecision,
  AppConnectionView,
  AppSummary,
  LiveSession,
} from '../../shared/model/broker';
import type { CriterionTrace, TraceEntry } from '../../shared/model/policy';
import { REAUTH_REQUIRED_TEXT, REAUTH_WARNING_TEXT } from '../../shared/state/reauth-schedule';
import type {
  AuthenticatedStatus,
  ClientNotification,
  ReauthRequiredStatus,
} from '../../shared/state/types';
import { CODES } from '../../shared/errors/codes';

export const MOCK_SCENARIOS = [
  'signed-out',
  'on',
  'okta-sync-error',
  'reauth-required',
  'reauth-warning',
  'blocked-app',
] as const;
export type MockScenario = (typeof MOCK_SCENARIOS)[number];

export const isMockScenario = (v: unknown): v is MockScenario =>
  typeof v === 'string' && (MOCK_SCENARIOS as readonly string[]).includes(v);

export interface MockOptions {
  scenario?: MockScenario;
  now?: () => number;
  /** Run scheduled transitions by themselves (default) or only on advance(). */
  autoAdvance?: boolean;
  /** Delay of one simulated step (sign-in, connecting), with autoAdvance. */
  stepMs?: number;
  /** Tick the traffic counters every second (dev only). */
  live?: boolean;
}

export const MOCK_USER = 'alex.morgan@acme.example';
const IDP = 'Okta';
const BROKER = 'pse-fra1.acme.example';
const CLOUD = 'https://zpa.workshop.example';
const BUNDLED = 'http://127.0.0.1:4100';
const DEVICE = 'dev-7f3a91c2';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A tiny ZIP with one log line, standing in for Export Logs. */
const LOG_ZIP_BASE64 =
  'UEsDBBQAAAAAAAAAIVq2Ke/xXwAAAF8AAAANAAAAY29ubmVjdG9yLmxvZzIwMjUtMDEtMDFUMDA6MDA6MDAuMDAwWiBpbmZvIG1vY2sgY29ubmVjdG9yOiBleHBvcnRlZCBsb2dzIChubyByZWFsIGNsaWVudCBiZWhpbmQgdGhpcyBidWlsZCkKUEsBAhQDFAAAAAAAAAAhWrYp7/FfAAAAXwAAAA0AAAAAAAAAAAAAAIABAAAAAGNvbm5lY3Rvci5sb2dQSwUGAAAAAAEAAQA7AAAAigAAAAAA';

// --- canned policy decisions ------------------------------------------------------------------

const SCIM_SKIP =
  'SCIM criteria skipped: session authenticated before SCIM Attributes for Policy was first enabled — reauthenticate';

const crit = (
  condition: number,
  objectType: CriterionTrace['objectType'],
  lhs: string,
  rhs: string,
  result: CriterionTrace['result'],
  reason: string,
): CriterionTrace => ({ condition, objectType, lhs, rhs, result, reason });

function segmentStep(app: string, port: number, segment: string): TraceEntry {
  return {
    step: 'segment',
    result: 'matched',
    message: `${app}:${port}/TCP → segment "${segment}" (exact ${app}, TCP ${port})`,
  };
}

const FORWARD_DEFAULT: TraceEntry = {
  step: 'forwarding',
  result: 'default',
  message: 'No forwarding rule matched: Forward to ZPA (INTERCEPT) by default',
};

const scimActive = (user: string): TraceEntry => ({
  step: 'scim',
  result: 'active',
  message: `${user} is active in the SCIM database`,
});

function allowedDecision(app: string, port: number, segment: string, rule: string): AccessDecision {
  return {
    outcome: 'allowed',
    code: CODES.OPEN_OR_ACTIVE_CONNECTION,
    message: 'Access allowed.',
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep(app, port, segment),
      FORWARD_DEFAULT,
      scimActive(MOCK_USER),
      {
        step: 'access',
        result: 'matched',
        ruleName: rule,
        ruleOrder: 3,
        message: `access rule 3 "${rule}" matched: Allow Access`,
        criteria: [
          crit(
            0,
            'SAML',
            'department',
            'Engineering',
            'matched',
            'the session has department = "Engineering"',
          ),
        ],
      },
      {
        step: 'timeout',
        result: 'default',
        message:
          'No timeout rule matched: the default rule applies (reauthenticate every 7 days, idle timeout default)',
      },
      { step: 'result', result: 'allowed', message: 'OPEN_OR_ACTIVE_CONNECTION: Access allowed.' },
    ] satisfies TraceEntry[],
  };
}

/** Finance Portal: the SCIM-group rule is skipped while the session is not SCIM-ready. */
function financeDecision(scimReady: boolean): AccessDecision {
  const message = `Application access is blocked by Private Access policy. No access rule allows ${MOCK_USER} to use "Finance Apps".`;
  const financeRule: TraceEntry = scimReady
    ? {
        step: 'access',
        result: 'not_matched',
        ruleName: 'Finance team',
        ruleOrder: 1,
        message: 'access rule 1 "Finance team" did not match',
        criteria: [
          crit(
            0,
            'APP_GROUP',
            'id',
            'sg-finance',
            'matched',
            "the request's segment is in this segment group",
          ),
          crit(
            1,
            'SCIM_GROUP',
            'okta',
            'Finance',
            'failed',
            'the user\'s SCIM groups are "Engineering", "All Staff"',
          ),
        ],
      }
    : {
        step: 'access',
        result: 'skipped',
        ruleName: 'Finance team',
        ruleOrder: 1,
        message: `access rule 1 "Finance team": rule not evaluated: condition 2 ANDs criteria that are skipped (${SCIM_SKIP})`,
        criteria: [
          crit(
            0,
            'APP_GROUP',
            'id',
            'sg-finance',
            'matched',
            "the request's segment is in this segment group",
          ),
          crit(1, 'SCIM_GROUP', 'okta', 'Finance', 'skipped', SCIM_SKIP),
        ],
      };
  return {
    outcome: 'blocked',
    code: CODES.BRK_MT_SETUP_FAIL_NO_POLICY_FOUND,
    message,
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep('finance.acme.example', 443, 'Finance Apps'),
      FORWARD_DEFAULT,
      scimActive(MOCK_USER),
      financeRule,
      {
        step: 'access',
        result: 'not_matched',
        ruleName: 'Contractors: web apps',
        ruleOrder: 2,
        message: 'access rule 2 "Contractors: web apps" did not match',
        criteria: [
          crit(
            0,
            'SAML',
            'userType',
            'Contractor',
            'failed',
            'the session has userType = "Employee"',
          ),
          crit(0, 'PLATFORM', 'windows', 'true', 'matched', 'the platform is windows'),
        ],
      },
      {
        step: 'access',
        result: 'implicit_block',
        message: 'No access rule matched: implicit block',
      },
      {
        step: 'result',
        result: 'blocked',
        message: `BRK_MT_SETUP_FAIL_NO_POLICY_FOUND: ${message}`,
      },
    ] satisfies TraceEntry[],
  };
}

function hrDecision(): AccessDecision {
  const message = 'Application access is blocked by Private Access policy.';
  return {
    outcome: 'blocked',
    code: CODES.BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY,
    message,
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep('hr.acme.example', 443, 'HR Portal'),
      FORWARD_DEFAULT,
      scimActive(MOCK_USER),
      {
        step: 'access',
        result: 'matched',
        ruleName: 'Block HR outside HR',
        ruleOrder: 1,
        message: 'access rule 1 "Block HR outside HR" matched: Block Access',
        criteria: [
          crit(0, 'APP', 'id', 'seg-hr', 'matched', "the request's segment is this segment"),
          crit(
            1,
            'SAML',
            'department',
            'Engineering',
            'matched',
            'the session has department = "Engineering"',
          ),
        ],
      },
      {
        step: 'result',
        result: 'blocked',
        message: `BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY: ${message}`,
      },
    ] satisfies TraceEntry[],
  };
}

function expiredDecision(app: string, segment: string): AccessDecision {
  const message =
    'Access to certain applications requires you to reauthenticate into Zscaler Client Connector.';
  return {
    outcome: 'reauth_required',
    code: CODES.BRK_MT_SETUP_FAIL_SAML_EXPIRED,
    message,
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep(app, 443, segment),
      FORWARD_DEFAULT,
      scimActive(MOCK_USER),
      {
        step: 'access',
        result: 'matched',
        ruleName: 'Engineering tools',
        ruleOrder: 3,
        message: 'access rule 3 "Engineering tools" matched: Allow Access',
        criteria: [],
      },
      {
        step: 'timeout',
        result: 'expired',
        ruleName: 'Engineering: reauth every 8 hours',
        ruleOrder: 1,
        message:
          'Authenticated 8 hours 12 minutes ago; timeout rule 1 "Engineering: reauth every 8 hours" requires reauthentication every 8 hours',
      },
      {
        step: 'result',
        result: 'reauth_required',
        message: `BRK_MT_SETUP_FAIL_SAML_EXPIRED: ${message}`,
      },
    ] satisfies TraceEntry[],
  };
}

function bypassedDecision(): AccessDecision {
  return {
    outcome: 'bypassed',
    code: CODES.BYPASSED,
    message: 'intranet.acme.example is bypassed: the client sends it directly.',
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      segmentStep('intranet.acme.example', 443, 'Intranet'),
      {
        step: 'forwarding',
        result: 'matched',
        message:
          'Segment "Intranet" has Bypass = Always: the client sends it directly, forwarding rules are not evaluated',
      },
      { step: 'result', result: 'bypassed', message: 'intranet.acme.example is bypassed.' },
    ] satisfies TraceEntry[],
  };
}

function notFoundDecision(app: string, port: number): AccessDecision {
  const message = `No application segment covers ${app}:${port}/TCP.`;
  return {
    outcome: 'blocked',
    code: CODES.BRK_MT_SETUP_FAIL_APP_NOT_FOUND,
    message,
    idleTimeoutMs: null,
    expiresAt: null,
    trace: [
      {
        step: 'segment',
        result: 'not_found',
        message: `No application segment covers ${app}:${port}/TCP`,
      },
      { step: 'result', result: 'blocked', message: `BRK_MT_SETUP_FAIL_APP_NOT_FOUND: ${message}` },
    ] satisfies TraceEntry[],
  };
}

const listed = (d: AccessDecision): AccessDecision => ({ ...d, trace: undefined });

// --- the mock ----------------------------------------------------------------------------------

type Listener = (payload: unknown) => void;

export class MockConnector implements ConnectorApi {
  /** Every call made, in order (for tests). */
  readonly calls: { call: ConnectorCall; input: unknown }[] = [];
  private snap: ConnectorSnapshot;
  private readonly listeners = new Map<ConnectorEventName, Set<Listener>>();
  private readonly failures = new Map<ConnectorCall, { code: string; message: string }>();
  private readonly queue: (() => void)[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private ticker: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;
  private readonly autoAdvance: boolean;
  private readonly stepMs: number;
  private settings: ConnectorSettings = { cloudUrl: CLOUD, bundledCloudUrl: BUNDLED };
  private nextConnection = 1;
  private issueSeq = 1041;
  readonly scenario: MockScenario;

  constructor(options: MockOptions = {}) {
    this.now = options.now ?? Date.now;
    this.autoAdvance = options.autoAdvance ?? true;
    this.stepMs = options.stepMs ?? 900;
    this.scenario = options.scenario ?? 'on';
    this.snap = this.build(this.scenario);
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
      const parsed = parseCallInput(call, input);
      const value = await this.handle(call, parsed);
      return { ok: true, value: value as CallOutputs[C] };
    } catch (e) {
      const err = e as { code?: unknown; message?: unknown };
      return {
        ok: false,
        error: {
          code: typeof err.code === 'string' ? err.code : CODES.INTERNAL,
          message: typeof err.message === 'string' ? err.message : String(e),
        },
      };
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

  // --- test and dev helpers --------------------------------------------------------------------

  get snapshot(): ConnectorSnapshot {
    return this.snap;
  }

  /** The next `call` fails with this code (once). */
  failNext(call: ConnectorCall, code: string, message = `Simulated failure of ${call}.`): void {
    this.failures.set(call, { code, message });
  }

  /** Changes the snapshot and pushes it, like the core's `state` event. */
  update(change: Partial<ConnectorSnapshot> | ((s: ConnectorSnapshot) => ConnectorSnapshot)): void {
    this.snap = typeof change === 'function' ? change(this.snap) : { ...this.snap, ...change };
    this.emit('state', this.snap);
  }

  /** Pushes a notification (and lists it, as the core does). */
  notify(notification: ClientNotification): void {
    this.snap = {
      ...this.snap,
      notifications: [
        { ...notification, at: new Date(this.now()).toISOString() },
        ...this.snap.notifications,
      ],
    };
    this.emit('notification', notification);
    this.emit('state', this.snap);
  }

  /** Runs the scheduled transitions (without autoAdvance); returns how many ran. */
  advance(): number {
    let n = 0;
    while (this.queue.length > 0) {
      this.queue.shift()!();
      n++;
    }
    return n;
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.listeners.clear();
  }

  // --- internals -------------------------------------------------------------------------------

  private emit(event: ConnectorEventName, payload: unknown) {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(payload);
  }

  private later(step: () => void, steps = 1) {
    if (!this.autoAdvance) {
      this.queue.push(step);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      step();
    }, this.stepMs * steps);
    this.timers.add(timer);
  }

  private iso = (ms: number) => new Date(ms).toISOString();

  private authenticated(
    scimReady = true,
    expiresIn = 6 * HOUR,
    authAgo = 2 * HOUR,
  ): AuthenticatedStatus {
    const now = this.now();
    return {
      status: 'authenticated',
      user: MOCK_USER,
      idp: IDP,
      method: 'saml',
      authTime: now - authAgo,
      expiresAt: now + expiresIn,
      scimReady,
    };
  }

  private session(scimStatus: LiveSession['scimStatus'], scimReady: boolean): LiveSession {
    const now = this.now();
    return {
      id: 'ses-5c1e',
      idpId: 'okta',
      idpName: IDP,
      protocol: 'saml',
      userName: MOCK_USER,
      deviceId: DEVICE,
      attributes: {
        displayName: ['Alex Morgan'],
        email: [MOCK_USER],
        department: ['Engineering'],
        userType: ['Employee'],
      },
      authTime: this.iso(now - 2 * HOUR),
      createdAt: this.iso(now - 2 * HOUR),
      scimStatus,
      scimReady,
      reauthRequired: null,
      terminated: null,
      expiresAt: this.iso(now + 6 * HOUR),
    };
  }

  private apps(opts: { scimReady: boolean; jiraExpired?: boolean }): AppSummary[] {
    const app = (
      host: string,
      name: string,
      ports: number[],
      forwarding: string,
      decision: AccessDecision,
    ): AppSummary => ({ app: host, name, ports, forwarding, decision: listed(decision) });
    return [
      app(
        'git.acme.example',
        'Source Code (Git)',
        [443, 22],
        'INTERCEPT',
        allowedDecision('git.acme.example', 443, 'Engineering Tools', 'Engineering tools'),
      ),
      app(
        'jira.acme.example',
        'Jira',
        [443],
        'INTERCEPT',
        opts.jiraExpired
          ? expiredDecision('jira.acme.example', 'Engineering Tools')
          : allowedDecision('jira.acme.example', 443, 'Engineering Tools', 'Engineering tools'),
      ),
      app(
        'finance.acme.example',
        'Finance Portal',
        [443],
        'INTERCEPT',
        financeDecision(opts.scimReady),
      ),
      app('hr.acme.example', 'HR Portal', [443], 'INTERCEPT', hrDecision()),
      app('intranet.acme.example', 'Intranet', [80, 443], 'BYPASS', bypassedDecision()),
    ];
  }

  private decisionFor(app: string, port: number): AccessDecision {
    const auth = this.snap.auth;
    const scimReady = 'scimReady' in auth ? auth.scimReady : true;
    switch (app) {
      case 'git.acme.example':
        return allowedDecision(app, port, 'Engineering Tools', 'Engineering tools');
      case 'jira.acme.example':
        return auth.status === 'reauthRequired'
          ? expiredDecision(app, 'Engineering Tools')
          : allowedDecision(app, port, 'Engineering Tools', 'Engineering tools');
      case 'finance.acme.example':
        return financeDecision(scimReady);
      case 'hr.acme.example':
        return hrDecision();
      case 'intranet.acme.example':
        return bypassedDecision();
      default:
        return notFoundDecision(app, port);
    }
  }

  private connection(
    app: string,
    port: number,
    ageMs: number,
    sent: number,
    received: number,
  ): AppConnectionView {
    const now = this.now();
    return {
      id: `conn-${this.nextConnection++}`,
      app,
      port,
      openedAt: this.iso(now - ageMs),
      lastActivityAt: this.iso(now),
      bytesSent: sent,
      bytesReceived: received,
      latencyMs: 18 + Math.round(app.length % 7),
      state: 'open',
    };
  }

  private build(scenario: MockScenario): ConnectorSnapshot {
    const now = this.now();
    const base: ConnectorSnapshot = {
      cloudUrl: CLOUD,
      deviceId: DEVICE,
      username: MOCK_USER,
      service: {
        status: 'on',
        broker: BROKER,
        since: now - 47 * MINUTE,
        stats: { bytesSent: 18_734_122, bytesReceived: 204_551_908 },
      },
      auth: this.authenticated(),
      session: this.session('active', true),
      apps: this.apps({ scimReady: true }),
      connections: [this.connection('git.acme.example', 443, 12 * MINUTE, 1_204_332, 9_882_114)],
      banner: null,
      notifications: [
        {
          id: 'service-status',
          category: 'serviceStatus',
          text: 'Private Access is Connected.',
          at: this.iso(now - 47 * MINUTE),
        },
      ],
      lastError: null,
      policyVersion: 14,
      clockOffsetMs: 0,
    };
    switch (scenario) {
      case 'signed-out':
        return {
          ...base,
          username: null,
          service: { status: 'off', since: null, turnedOffByUser: false },
          auth: { status: 'unauthenticated' },
          session: null,
          apps: [],
          connections: [],
          notifications: [],
        };
      case 'on':
        return base;
      case 'okta-sync-error':
        return {
          ...base,
          service: {
            status: 'error',
            kind: 'Connection Error',
            code: CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
            reason: 'not_synced',
            since: now - 3 * MINUTE,
            attempt: 1,
            retryAt: null,
          },
          session: this.session('absent', true),
          connections: [],
          notifications: [
            {
              id: 'service-status',
              category: 'serviceStatus',
              text: 'Private Access is Disconnected.',
              at: this.iso(now - 3 * MINUTE),
            },
          ],
          lastError: {
            code: CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
            reason: 'not_synced',
            at: this.iso(now - 3 * MINUTE),
          },
        };
      case 'reauth-required': {
        const auth: ReauthRequiredStatus = {
          status: 'reauthRequired',
          reason: 'timeout',
          apps: ['jira.acme.example'],
          since: now - 4 * MINUTE,
          user: MOCK_USER,
          idp: IDP,
          method: 'saml',
          scimReady: true,
        };
        const banner = {
          id: 'zpa-reauth',
          category: 'zpaReauthentication' as const,
          text: REAUTH_REQUIRED_TEXT,
          action: { label: 'Authenticate' as const, event: 'authenticate' as const },
        };
        return {
          ...base,
          auth,
          apps: this.apps({ scimReady: true, jiraExpired: true }),
          banner,
          notifications: [{ ...banner, at: this.iso(now - 4 * MINUTE) }, ...base.notifications],
        };
      }
      case 'reauth-warning': {
        const banner = {
          id: 'zpa-reauth',
          category: 'zpaReauthentication' as const,
          text: REAUTH_WARNING_TEXT,
          action: { label: 'Authenticate Early' as const, event: 'authenticateEarly' as const },
        };
        return {
          ...base,
          auth: this.authenticated(true, 12 * MINUTE + 30_000, 8 * HOUR - 12 * MINUTE),
          banner,
          notifications: [{ ...banner, at: this.iso(now - 3 * MINUTE) }, ...base.notifications],
        };
      }
      case 'blocked-app':
        return {
          ...base,
          auth: this.authenticated(false),
          session: this.session('active', false),
          apps: this.apps({ scimReady: false }),
        };
    }
  }

  private setService(service: ConnectorSnapshot['service'], notice?: string) {
    this.update({ service });
    if (notice) this.notify({ id: 'service-status', category: 'serviceStatus', text: notice });
  }

  private connect() {
    const now = this.now();
    this.setService({ status: 'connecting', since: now, attempt: 1 });
    this.later(() => {
      if (this.snap.session?.scimStatus === 'absent') {
        this.setService(
          {
            status: 'error',
            kind: 'Connection Error',
            code: CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
            reason: 'not_synced',
            since: this.now(),
            attempt: 1,
            retryAt: null,
          },
          'Private Access is Disconnected.',
        );
        return;
      }
      this.setService(
        {
          status: 'on',
          broker: BROKER,
          since: this.now(),
          stats: { bytesSent: 0, bytesReceived: 0 },
        },
        'Private Access is Connected.',
      );
    });
  }

  private startAuth(purpose: 'signIn' | 'reauth' | 'early') {
    const auth = this.snap.auth;
    const resume =
      auth.status === 'authenticated' || auth.status === 'reauthRequired' ? auth : null;
    this.update({
      auth: { status: 'authenticating', method: null, purpose, since: this.now(), resume },
    });
    this.later(() => {
      const a = this.snap.auth;
      if (a.status === 'authenticating') this.update({ auth: { ...a, method: 'saml' } });
    });
    this.later(() => {
      if (this.snap.auth.status !== 'authenticating') return;
      const scimStatus = this.snap.session?.scimStatus ?? 'active';
      this.update({
        auth: this.authenticated(true, 8 * HOUR, 0),
        banner: null,
        session: this.session(scimStatus, true),
        apps: this.apps({ scimReady: true }),
      });
      if (purpose === 'signIn' || this.snap.service.status !== 'on') this.connect();
    }, 2);
  }

  private async handle(call: ConnectorCall, input: unknown): Promise<unknown> {
    const s = this.snap;
    switch (call) {
      case 'getSnapshot':
        return s;
      case 'signIn': {
        const { username } = input as { username: string };
        if (!username.includes('@')) {
          this.update({
            username,
            auth: {
              status: 'unauthenticated',
              lastError: { code: CODES.USERNAME_NO_DOMAIN, at: this.now() },
            },
          });
          return undefined;
        }
        this.update({ username });
        this.startAuth('signIn');
        return undefined;
      }
      case 'cancelSignIn': {
        const auth = s.auth;
        if (auth.status !== 'authenticating') return undefined;
        this.queue.length = 0;
        this.update({
          auth: auth.resume ?? {
            status: 'unauthenticated',
            lastError: { code: CODES.SIGN_IN_CANCELLED, at: this.now() },
          },
        });
        return undefined;
      }
      case 'authenticate':
        this.startAuth(s.auth.status === 'unauthenticated' ? 'signIn' : 'reauth');
        return undefined;
      case 'authenticateEarly':
        this.startAuth('early');
        return undefined;
      case 'turnOn':
        if (s.service.status === 'off') this.connect();
        return undefined;
      case 'turnOff':
        if (s.service.status === 'off') return undefined;
        this.update({ connections: [] });
        this.setService({
          status: 'disconnecting',
          since: this.now(),
          next: 'off',
          turnedOffByUser: true,
        });
        this.later(() =>
          this.setService(
            { status: 'off', since: this.now(), turnedOffByUser: true },
            'Private Access is Disconnected.',
          ),
        );
        return undefined;
      case 'retry':
      case 'restartService':
        if (s.auth.status === 'unauthenticated') return undefined;
        this.connect();
        return undefined;
      case 'signOut':
        this.queue.length = 0;
        this.update({
          auth: { status: 'unauthenticated' },
          service: { status: 'off', since: this.now(), turnedOffByUser: false },
          session: null,
          apps: [],
          connections: [],
          banner: null,
        });
        return undefined;
      case 'refreshApps':
      case 'updatePolicy': {
        if (s.auth.status === 'unauthenticated') {
          throw Object.assign(new Error('Sign in first.'), { code: CODES.SESSION_INVALID });
        }
        const scimReady = 'scimReady' in s.auth ? s.auth.scimReady : true;
        const apps = this.apps({ scimReady, jiraExpired: s.auth.status === 'reauthRequired' });
        this.update({
          apps,
          policyVersion: call === 'updatePolicy' ? s.policyVersion + 1 : s.policyVersion,
        });
        return apps;
      }
      case 'openApp': {
        const { app, port } = input as { app: string; port: number };
        if (s.auth.status === 'unauthenticated') {
          throw Object.assign(new Error('Sign in first.'), { code: CODES.SESSION_INVALID });
        }
        const decision = this.decisionFor(app, port);
        let connection: AppConnectionView | null = null;
        if (decision.outcome === 'allowed') {
          connection = this.connection(app, port, 0, 0, 0);
          this.update({ connections: [...this.snap.connections, connection] });
        } else if (decision.outcome !== 'bypassed') {
          this.update({ lastError: { code: decision.code, app, at: this.iso(this.now()) } });
        }
        return { decision, connection };
      }
      case 'closeConnection': {
        const { id } = input as { id: string };
        if (!s.connections.some((c) => c.id === id)) {
          throw Object.assign(new Error(`No app connection ${id}.`), { code: CODES.NOT_FOUND });
        }
        this.update({ connections: s.connections.filter((c) => c.id !== id) });
        return undefined;
      }
      case 'exportLogs':
        return { fileName: `connector-logs-${DEVICE}.zip`, base64: LOG_ZIP_BASE64 };
      case 'reportIssue':
        return { id: `ISSUE-${this.issueSeq++}` };
      case 'setLogLevel':
        return undefined;
      case 'getAbout':
        return {
          appVersion: '0.1.0',
          host: 'web-shell',
          electronVersion: null,
          chromeVersion: null,
          nodeVersion: 'v20.20.2',
          platform: 'linux',
          cloudUrl: this.settings.cloudUrl,
          policyVersion: s.policyVersion,
          deviceId: DEVICE,
        } satisfies AboutInfo;
      case 'getSettings':
        return this.settings;
      case 'setSettings': {
        const { cloudUrl } = input as { cloudUrl: string };
        this.settings = { ...this.settings, cloudUrl };
        this.update({ cloudUrl });
        return this.settings;
      }
      case 'clearNotifications':
        this.update({ notifications: [] });
        return undefined;
    }
  }

  /** Live traffic on the open connections (dev). */
  private tick() {
    const s = this.snap;
    if (s.service.status !== 'on') return;
    const connections = s.connections.map((c) => ({
      ...c,
      bytesSent: c.bytesSent + 800 + Math.floor(Math.random() * 4000),
      bytesReceived: c.bytesReceived + 6000 + Math.floor(Math.random() * 40_000),
      lastActivityAt: this.iso(this.now()),
    }));
    const grow = (a: number, b: number) => a + b;
    const sent = connections
      .map((c, i) => c.bytesSent - s.connections[i]!.bytesSent)
      .reduce(grow, 200);
    const received = connections
      .map((c, i) => c.bytesReceived - s.connections[i]!.bytesReceived)
      .reduce(grow, 600);
    this.update({
      connections,
      service: {
        ...s.service,
        stats: {
          bytesSent: s.service.stats.bytesSent + sent,
          bytesReceived: s.service.stats.bytesReceived + received,
        },
      },
    });
  }
}

export const createMockConnector = (options?: MockOptions) => new MockConnector(options);
