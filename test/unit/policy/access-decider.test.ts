/**
 * The policy engine as the broker sees it (policy/access-decider.ts): the app list's ports, the
 * address each app is shown under, and the decision fields the connector acts on (code, idle
 * timeout, expiry). A real PolicyService on an in-memory database. Found by mutation testing
 * (npm run test:mutation -- policy/access-decider).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../../electron/cloud/events.js';
import { IdpService } from '../../../electron/cloud/idp-config/idp-service.js';
import {
  BYPASSED_CODE,
  policyAccessDecider,
} from '../../../electron/cloud/policy/access-decider.js';
import { PolicyService } from '../../../electron/cloud/policy/service.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { LiveSession } from '../../../electron/cloud/broker/types.js';
import type { AccessDecider } from '../../../electron/cloud/broker/access.js';
import type { TraceEntry } from '../../../shared/model/policy.js';
import { T0 } from './builders.js';

const HOUR = 3600_000;
let policy: PolicyService;
let decider: AccessDecider;
let user: LiveSession;
let groupId: string;

beforeEach(() => {
  const store = openSqliteStore(':memory:');
  const clock = new SimulatedClock(() => T0);
  const events = new CloudEvents();
  const idps = new IdpService(store, clock, events, () => 'http://x');
  const idp = idps.create({ name: 'Okta', protocol: 'saml', domains: ['acme.example'] });
  policy = new PolicyService(store, clock, events, idps);
  decider = policyAccessDecider(policy);
  groupId = policy.createSegmentGroup({ name: 'Apps' }).id;
  // The adapter reads only the session fields PolicySessionContext names.
  user = {
    idpId: idp.id,
    userName: 'ana@acme.example',
    attributes: {},
    authTime: T0,
    createdAt: T0,
    scimReady: true,
  } as unknown as LiveSession;
});

const addSegment = (
  name: string,
  domains: string[],
  tcp: [number, number][],
  udp: [number, number][] = [],
  extra: object = {},
) =>
  policy.createSegment({
    name,
    domains,
    tcpPortRanges: tcp.map(([from, to]) => ({ from, to })),
    udpPortRanges: udp.map(([from, to]) => ({ from, to })),
    segmentGroupId: groupId,
    ...extra,
  });
const allowAll = () => policy.createRule('access', { name: 'everyone', action: 'ALLOW' });
const appNamed = (name: string) => decider.apps(user).find((a) => a.name === name)!;
const ports = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('the app list', () => {
  it('lists every port of a range of up to 16 ports, only the first of a longer one', () => {
    addSegment('Sixteen', ['sixteen.acme.example'], [[8000, 8015]]);
    addSegment('Seventeen', ['seventeen.acme.example'], [[9000, 9016]]);
    expect(appNamed('Sixteen').ports).toEqual(ports(8000, 16));
    expect(appNamed('Seventeen').ports).toEqual([9000]);
  });

  it('lists TCP then UDP ports, and shows an app under its first domain', () => {
    addSegment('Voice', ['voice.acme.example', 'sip.acme.example'], [[443, 443]], [[5060, 5061]]);
    expect(appNamed('Voice')).toMatchObject({
      app: 'voice.acme.example',
      ports: [443, 5060, 5061],
    });
  });

  it('says how each app is forwarded, and what access policy answers', () => {
    addSegment('Wiki', ['wiki.acme.example'], [[443, 443]]);
    addSegment('Status', ['status.acme.example'], [[443, 443]], [], { bypassType: 'ALWAYS' });
    allowAll();
    expect(appNamed('Wiki')).toMatchObject({
      forwarding: 'INTERCEPT',
      decision: { outcome: 'allowed', code: 'OPEN_OR_ACTIVE_CONNECTION' },
    });
    expect(appNamed('Status')).toMatchObject({
      forwarding: 'BYPASS',
      decision: { outcome: 'bypassed', code: BYPASSED_CODE },
    });
  });
});

describe('a decision for the connector', () => {
  it('a bypassed app has the stand-in code BYPASSED (no ZPA code exists for it)', () => {
    addSegment('Status', ['status.acme.example'], [[443, 443]], [], { bypassType: 'ALWAYS' });
    expect(BYPASSED_CODE).toBe('BYPASSED');
    expect(decider.decide(user, { fqdn: 'status.acme.example', port: 443 })).toMatchObject({
      outcome: 'bypassed',
      code: 'BYPASSED',
      idleTimeoutMs: null,
      expiresAt: null,
    });
  });

  it('carries the idle timeout in ms and the expiry of the timeout rule; Never has none', () => {
    addSegment('Wiki', ['wiki.acme.example'], [[443, 443]]);
    allowAll();
    const wiki = { fqdn: 'wiki.acme.example', port: 443 };
    const rule = policy.createRule('timeout', {
      name: 'office',
      action: 'RE_AUTH',
      reauthTimeoutSeconds: 2 * 3600,
      idleTimeoutSeconds: 1800,
    });
    const allowed = decider.decide(user, wiki);
    expect(allowed).toMatchObject({ outcome: 'allowed', idleTimeoutMs: 1800_000 });
    expect(allowed.expiresAt).toBe(T0 + 2 * HOUR);
    expect(allowed.message).toBe(policy.decide(user, wiki).message);
    expect((allowed.trace as TraceEntry[]).at(-1)).toMatchObject({
      step: 'result',
      result: 'allowed',
    });

    policy.removeRule('timeout', rule.id);
    policy.createRule('timeout', {
      name: 'never',
      action: 'RE_AUTH',
      reauthTimeoutSeconds: -1,
      idleTimeoutSeconds: -1,
    });
    expect(decider.decide(user, wiki)).toMatchObject({
      outcome: 'allowed',
      idleTimeoutMs: null,
      expiresAt: null,
    });
  });

  it('reports the policy version it decided with', () => {
    const before = decider.version();
    addSegment('Wiki', ['wiki.acme.example'], [[443, 443]]);
    expect(decider.version()).toBeGreaterThan(before);
    expect(decider.version()).toBe(policy.version);
  });
});
