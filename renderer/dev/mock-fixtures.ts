/**
 * The dev mock's canned data: a demo user, their session, their applications with policy traces,
 * and the start state of each scenario as a machine state (shared/state). The mock runs the real
 * machine on these; nothing here decides a transition.
 */
import type {
  AccessDecision,
  AppConnectionView,
  AppSummary,
  LiveSession,
} from '../../shared/model/broker.js';
import type { AboutInfo } from '../../shared/contract/connector-contract.js';
import { CODES } from '../../shared/errors/codes.js';
import { emptyNotifications } from '../../shared/state/notifications.js';
import { REAUTH_REQUIRED_TEXT, REAUTH_WARNING_TEXT } from '../../shared/state/reauth-schedule.js';
import {
  allowedDecision,
  bypassedDecision,
  expiredDecision,
  financeDecision,
  hrDecision,
  listed,
  MOCK_IDP,
  MOCK_USER,
  notFoundDecision,
} from './mock-decisions.js';

export { MOCK_USER };

import type { AuthenticatedStatus, ClientState, SessionData } from '../../shared/state/types.js';

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

export const IDP = MOCK_IDP.name;
export const BROKER = 'pse-fra1.acme.example';
export const CLOUD = 'https://zpa.workshop.example';
export const BUNDLED = 'http://127.0.0.1:4100';
export const DEVICE = 'dev-7f3a91c2';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

/** What "About" shows in the mock: the web shell on Linux. */
export const mockAbout = (
  cloudUrl: string,
  policyVersion: number,
  deviceId: string,
): AboutInfo => ({
  appVersion: '0.1.0',
  host: 'web-shell',
  electronVersion: null,
  chromeVersion: null,
  nodeVersion: 'v20.20.2',
  platform: 'linux',
  cloudUrl,
  policyVersion,
  deviceId,
});

/** A tiny ZIP with one log line, standing in for Export Logs. */
export const LOG_ZIP_BASE64 =
  'UEsDBBQAAAAAAAAAIVq2Ke/xXwAAAF8AAAANAAAAY29ubmVjdG9yLmxvZzIwMjUtMDEtMDFUMDA6MDA6MDAuMDAwWiBpbmZvIG1vY2sgY29ubmVjdG9yOiBleHBvcnRlZCBsb2dzIChubyByZWFsIGNsaWVudCBiZWhpbmQgdGhpcyBidWlsZCkKUEsBAhQDFAAAAAAAAAAhWrYp7/FfAAAAXwAAAA0AAAAAAAAAAAAAAIABAAAAAGNvbm5lY3Rvci5sb2dQSwUGAAAAAAEAAQA7AAAAigAAAAAA';

export function authenticated(
  now: number,
  scimReady = true,
  expiresIn = 6 * HOUR,
  authAgo = 2 * HOUR,
): AuthenticatedStatus {
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

export function mockSession(
  now: number,
  scimStatus: LiveSession['scimStatus'],
  scimReady: boolean,
  authAgo = 2 * HOUR,
  expiresIn = 6 * HOUR,
): LiveSession {
  return {
    id: 'ses-5c1e',
    idpId: MOCK_IDP.id,
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
    authTime: iso(now - authAgo),
    createdAt: iso(now - authAgo),
    scimStatus,
    scimReady,
    reauthRequired: null,
    terminated: null,
    expiresAt: iso(now + expiresIn),
  };
}

export function mockApps(opts: { scimReady: boolean; jiraExpired?: boolean }): AppSummary[] {
  const app = (
    host: string,
    name: string,
    ports: number[],
    forwarding: string,
    decision: AccessDecision,
  ): AppSummary => ({ app: host, name, ports, forwarding, decision: listed(decision) });
  const tools = (host: string) =>
    allowedDecision(host, 443, 'Engineering Tools', 'Engineering tools');
  return [
    app('git.acme.example', 'Source Code (Git)', [443, 22], 'INTERCEPT', tools('git.acme.example')),
    app(
      'jira.acme.example',
      'Jira',
      [443],
      'INTERCEPT',
      opts.jiraExpired
        ? expiredDecision('jira.acme.example', 'Engineering Tools')
        : tools('jira.acme.example'),
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

/** The policy's answer for one app (what the cloud's engine answers in the real client). */
export function mockDecision(
  app: string,
  port: number,
  opts: { scimReady: boolean; reauth: boolean },
): AccessDecision {
  switch (app) {
    case 'git.acme.example':
      return allowedDecision(app, port, 'Engineering Tools', 'Engineering tools');
    case 'jira.acme.example':
      return opts.reauth
        ? expiredDecision(app, 'Engineering Tools')
        : allowedDecision(app, port, 'Engineering Tools', 'Engineering tools');
    case 'finance.acme.example':
      return financeDecision(opts.scimReady);
    case 'hr.acme.example':
      return hrDecision();
    case 'intranet.acme.example':
      return bypassedDecision();
    default:
      return notFoundDecision(app, port);
  }
}

export function mockConnection(
  id: string,
  app: string,
  port: number,
  now: number,
  ageMs: number,
  sent: number,
  received: number,
): AppConnectionView {
  return {
    id,
    app,
    port,
    openedAt: iso(now - ageMs),
    lastActivityAt: iso(now),
    bytesSent: sent,
    bytesReceived: received,
    latencyMs: 18 + Math.round(app.length % 7),
    state: 'open',
  };
}

const connected = (at: number) => ({
  id: 'service-status',
  category: 'serviceStatus' as const,
  text: 'Private Access is Connected.',
  at,
});

/** The machine state each scenario starts in. */
export function scenarioState(scenario: MockScenario, now: number): ClientState {
  const data: SessionData = {
    username: MOCK_USER,
    session: mockSession(now, 'active', true),
    apps: mockApps({ scimReady: true }),
    connections: [
      mockConnection('conn-0', 'git.acme.example', 443, now, 12 * MINUTE, 1_204_332, 9_882_114),
    ],
    lastError: null,
    policyVersion: 14,
    history: [connected(now - 47 * MINUTE)],
  };
  const base: ClientState = {
    service: {
      status: 'on',
      broker: BROKER,
      since: now - 47 * MINUTE,
      stats: { bytesSent: 18_734_122, bytesReceived: 204_551_908 },
    },
    auth: authenticated(now),
    notifications: emptyNotifications(),
    channel: { status: 'open', since: now - 47 * MINUTE },
    data,
  };
  switch (scenario) {
    case 'signed-out':
      return {
        service: { status: 'off', since: null, turnedOffByUser: false },
        auth: { status: 'unauthenticated' },
        notifications: emptyNotifications(),
        channel: { status: 'closed' },
        data: { ...data, username: null, session: null, apps: [], connections: [], history: [] },
      };
    case 'on':
      return base;
    case 'okta-sync-error': {
      const code = CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE;
      const at = now - 3 * MINUTE;
      return {
        ...base,
        service: {
          status: 'error',
          kind: 'Connection Error',
          code,
          reason: 'not_synced',
          since: at,
          attempt: 1,
          retryAt: null,
        },
        data: {
          ...data,
          session: mockSession(now, 'absent', true),
          connections: [],
          history: [
            {
              id: 'service-status',
              category: 'serviceStatus',
              text: 'Private Access is Disconnected.',
              at,
            },
          ],
          lastError: { code, reason: 'not_synced', at },
        },
      };
    }
    case 'reauth-required': {
      const since = now - 4 * MINUTE;
      const actionable = {
        id: 'zpa-reauth',
        category: 'zpaReauthentication' as const,
        text: REAUTH_REQUIRED_TEXT,
        action: { label: 'Authenticate' as const, event: 'authenticate' as const },
      };
      return {
        ...base,
        auth: {
          status: 'reauthRequired',
          reason: 'timeout',
          apps: ['jira.acme.example'],
          since,
          user: MOCK_USER,
          idp: IDP,
          method: 'saml',
          scimReady: true,
        },
        notifications: { actionable: { ...actionable, shownAt: since }, recentServiceStatus: {} },
        data: {
          ...data,
          apps: mockApps({ scimReady: true, jiraExpired: true }),
          history: [{ ...actionable, at: since }, ...data.history],
        },
      };
    }
    case 'reauth-warning': {
      const at = now - 3 * MINUTE;
      const actionable = {
        id: 'zpa-reauth',
        category: 'zpaReauthentication' as const,
        text: REAUTH_WARNING_TEXT,
        action: { label: 'Authenticate Early' as const, event: 'authenticateEarly' as const },
      };
      return {
        ...base,
        auth: authenticated(now, true, 12 * MINUTE + 30_000, 8 * HOUR - 12 * MINUTE),
        notifications: { actionable: { ...actionable, shownAt: at }, recentServiceStatus: {} },
        data: { ...data, history: [{ ...actionable, at }, ...data.history] },
      };
    }
    case 'blocked-app':
      return {
        ...base,
        auth: authenticated(now, false),
        data: {
          ...data,
          session: mockSession(now, 'active', false),
          apps: mockApps({ scimReady: false }),
        },
      };
  }
}
