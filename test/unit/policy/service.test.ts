import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../electron/cloud/domain-errors.js';
import { toAdminError } from '../../../electron/cloud/http/admin-scope.js';
import { IdpService } from '../../../electron/cloud/idp-config/idp-service.js';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../../electron/cloud/events.js';
import { seedDemoPolicies } from '../../../electron/cloud/policy/seed.js';
import { bindDemoScimGroups } from '../../../electron/cloud/policy/demo-scim-groups.js';
import { PolicyService } from '../../../electron/cloud/policy/service.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { LiveSession } from '../../../electron/cloud/broker/types.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import type { IdpConfig } from '../../../shared/model/idp.js';
import { ENTERPRISE, T0 } from './builders.js';

const HOUR = 3600_000;
let store: Store;
let clock: SimulatedClock;
let events: CloudEvents;
let idps: IdpService;
let ctx: {
  store: Store;
  clock: SimulatedClock;
  events: CloudEvents;
  idps: IdpService;
  policy: PolicyService;
};
let okta: IdpConfig;
let globex: IdpConfig;

beforeEach(() => {
  store = openSqliteStore(':memory:');
  clock = new SimulatedClock(() => T0);
  events = new CloudEvents();
  idps = new IdpService(store, clock, events, () => 'http://x');
  ctx = { store, clock, events, idps, policy: new PolicyService(store, clock, events, idps) };
  okta = idps.create({
    name: 'Okta (SAML)',
    protocol: 'saml',
    vendor: 'okta',
    domains: ['acme.example'],
    samlAttributesForPolicy: true,
  });
  globex = idps.create({ name: 'Globex OIDC', protocol: 'oidc', domains: ['globex.example'] });
});

let seq = 0;
function addScimUser(
  idpId: string,
  userName: string,
  opts: { active?: boolean; department?: string } = {},
) {
  const id = `u${++seq}`;
  store.scim.insert('User', idpId, {
    id,
    name: userName,
    externalId: null,
    active: opts.active ?? true,
    version: 1,
    created: T0,
    lastModified: T0,
    attributes: {
      userName,
      active: opts.active ?? true,
      ...(opts.department ? { [ENTERPRISE]: { department: opts.department } } : {}),
    },
  });
  return id;
}
function addScimGroup(idpId: string, name: string, members: string[]) {
  const id = `g${++seq}`;
  store.scim.insert('Group', idpId, {
    id,
    name,
    externalId: null,
    active: true,
    version: 1,
    created: T0,
    lastModified: T0,
    attributes: { displayName: name },
  });
  store.scim.setMembers(
    idpId,
    id,
    members.map((value) => ({ value, type: 'User', display: null })),
  );
  return id;
}

const session = (userName: string, attributes: Record<string, string[]>, idp = okta) => ({
  idpId: idp.id,
  userName,
  attributes,
  authTime: clock.now(),
  createdAt: clock.now(),
});
const alice = () =>
  session('alice@acme.example', {
    department: ['Engineering'],
    groups: ['Engineering', 'ZPA Users'],
  });
const bob = () =>
  session('bob@acme.example', { department: ['Sales'], groups: ['Sales', 'ZPA Users'] });
const carol = () =>
  session('carol@acme.example', { department: ['Finance'], groups: ['Finance', 'ZPA Users'] });

describe('the demo policies', () => {
  beforeEach(() => {
    seedDemoPolicies(ctx);
    bindDemoScimGroups(store, events, ctx.policy);
  });

  it("the SCIM-group criteria hold the group's id, added once the IdP pushed the group; a rename keeps matching", () => {
    const p = ctx.policy;
    const scimGroupsOf = (name: string) =>
      p
        .listRules('access')
        .find((r) => r.name === name)!
        .conditions.flatMap((c) => c.operands)
        .filter((o) => o.objectType === 'SCIM_GROUP');
    expect(scimGroupsOf('Payroll for Finance')).toEqual([]);
    idps.update(okta.id, { scimSyncEnabled: true, samlAttributesForPolicy: false });
    idps.update(okta.id, { scimAttributesForPolicy: true });
    clock.advance(1000);
    const dave = addScimUser(okta.id, 'dave@acme.example');
    const id = addScimGroup(okta.id, 'Finance', [dave]);
    events.emit('scim.changed', {
      idpId: okta.id,
      resourceType: 'Group',
      id,
      change: 'created',
      name: 'Finance',
    });
    expect(scimGroupsOf('Payroll for Finance')).toEqual([
      { objectType: 'SCIM_GROUP', lhs: okta.id, rhs: id },
    ]);
    const payroll = { fqdn: 'payroll.acme.example', port: 443 };
    const decision = p.decide(session('dave@acme.example', {}), payroll);
    expect(decision.outcome).toBe('allowed');
    const criterion = decision.trace
      .find((e) => e.ruleName === 'Payroll for Finance')!
      .criteria!.find((c) => c.objectType === 'SCIM_GROUP')!;
    expect(criterion).toMatchObject({ rhs: id, rhsName: 'Finance', lhsName: 'Okta (SAML)' });
    // Renamed in the IdP: the same id still matches.
    store.scim.update('Group', okta.id, {
      ...store.scim.get('Group', okta.id, id)!,
      name: 'Finance & Controlling',
      attributes: { displayName: 'Finance & Controlling' },
    });
    expect(p.decide(session('dave@acme.example', {}), payroll).outcome).toBe('allowed');
  });

  it('seeds once', () => {
    const before = ctx.policy.summary();
    expect(before.counts).toMatchObject({
      segmentGroups: 4,
      segments: 7,
      access: 5,
      forwarding: 1,
      timeout: 2,
    });
    expect(seedDemoPolicies(ctx)).toEqual({ segmentGroups: {}, segments: {} });
    expect(ctx.policy.summary().version).toBe(before.version);
  });

  it('shows allowed, blocked and "blocked until you reauthenticate"', () => {
    const p = ctx.policy;
    const git = { fqdn: 'git.acme.example', port: 22 };
    const a = alice();
    expect(p.decide(a, git).outcome).toBe('allowed');
    expect(p.decide(a, { fqdn: 'payroll.acme.example', port: 443 }).code).toBe(
      'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND',
    );
    const b = p.decide(bob(), git);
    expect(b.code).toBe('BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY');
    expect(b.message).toContain('not available to Sales');
    expect(p.decide(carol(), { fqdn: 'payroll.acme.example', port: 443 }).outcome).toBe('allowed');
    expect(p.decide(a, { fqdn: 'intranet.acme.example', port: 80 }).outcome).toBe('allowed');
    expect(p.decide(a, { fqdn: 'status.acme.example', port: 443 }).outcome).toBe('bypassed');
    expect(p.decide(a, { fqdn: 'legacy.acme.example', port: 443 }).code).toBe(
      'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND',
    );
    expect(p.decide(a, { fqdn: 'build.dev.acme.example', port: 8081 }).outcome).toBe('allowed');
    expect(p.decide(a, { fqdn: 'nothing.acme.example', port: 443 }).code).toBe(
      'BRK_MT_SETUP_FAIL_APP_NOT_FOUND',
    );

    clock.advance(8 * HOUR + 1000);
    const later = p.decide(a, git);
    expect(later).toMatchObject({
      outcome: 'reauth_required',
      code: 'BRK_MT_SETUP_FAIL_SAML_EXPIRED',
    });
    expect(later.message).toContain('every 8 hours');
    // Intranet uses the default 7 days: still fine.
    expect(p.decide(a, { fqdn: 'intranet.acme.example', port: 443 }).outcome).toBe('allowed');
  });

  it('Globex: forwards only allowed apps', () => {
    const p = ctx.policy;
    const erin = session('erin@globex.example', { department: ['Engineering'] }, globex);
    expect(p.decide(erin, { fqdn: 'wiki.globex.example', port: 443 }).outcome).toBe('allowed');
    const frank = { ...erin, idpId: okta.id };
    const d = p.decide(frank, { fqdn: 'wiki.globex.example', port: 443 });
    expect(d).toMatchObject({ outcome: 'bypassed', code: null });
  });

  it('the Okta sync story: SCIM Sync on, users not pushed → SCIM_INACTIVE; pushed → allowed', () => {
    const p = ctx.policy;
    idps.update(okta.id, { scimSyncEnabled: true });
    const d = p.decide(alice(), { fqdn: 'git.acme.example', port: 443 });
    expect(d.code).toBe('BRK_MT_SETUP_FAIL_SCIM_INACTIVE');
    expect(d.message).toContain('not synced');
    const id = addScimUser(okta.id, 'Alice@acme.example');
    expect(p.decide(alice(), { fqdn: 'git.acme.example', port: 443 }).outcome).toBe('allowed');
    store.scim.update('User', okta.id, {
      ...store.scim.get('User', okta.id, id)!,
      active: false,
    });
    expect(p.decide(alice(), { fqdn: 'git.acme.example', port: 443 }).message).toContain(
      'deactivated',
    );
  });

  it('SCIM for policy: sessions from before it was first enabled skip SCIM criteria until reauth', () => {
    const p = ctx.policy;
    idps.update(okta.id, { scimSyncEnabled: true, samlAttributesForPolicy: false });
    const dave = addScimUser(okta.id, 'dave@acme.example', { department: 'Finance' });
    addScimGroup(okta.id, 'Finance', [dave]);
    bindDemoScimGroups(store, events, ctx.policy); // at start: groups already pushed
    const old = session('dave@acme.example', { department: ['Finance'] });
    clock.advance(HOUR);
    idps.update(okta.id, { scimAttributesForPolicy: true });
    const payroll = { fqdn: 'payroll.acme.example', port: 443 };
    const before = p.decide(old, payroll);
    expect(before.code).toBe('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND');
    const rule = before.trace.find((e) => e.ruleName === 'Payroll for Finance')!;
    expect(rule.result).toBe('skipped');
    expect(rule.criteria!.find((c) => c.objectType === 'SCIM_GROUP')!.reason).toContain(
      'reauthenticate',
    );
    clock.advance(1000);
    const fresh = session('dave@acme.example', { department: ['Finance'] });
    expect(p.decide(fresh, payroll).outcome).toBe('allowed');
    // ConnectorSessionView's ISO strings work too.
    const iso = {
      ...fresh,
      authTime: new Date(fresh.authTime).toISOString(),
      createdAt: new Date(fresh.createdAt).toISOString(),
    };
    expect(p.decide(iso, payroll).outcome).toBe('allowed');
  });
});

describe('versioned compile cache', () => {
  it('compiles once per version and sees every change', () => {
    const p = ctx.policy;
    const g = p.createSegmentGroup({ name: 'G' });
    const s = p.createSegment({
      name: 'S',
      domains: ['s.acme.example'],
      tcpPortRanges: [{ from: 443, to: 443 }],
      segmentGroupId: g.id,
    });
    const first = p.compiled();
    expect(p.compiled()).toBe(first);
    const req = { fqdn: 's.acme.example', port: 443 };
    expect(p.decide(alice(), req).code).toBe('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND');
    const seen: number[] = [];
    events.on('policy.changed', ({ version }) => seen.push(version));
    p.createRule('access', {
      name: 'allow S',
      conditions: [{ operands: [{ objectType: 'APP', rhs: s.id }] }],
    });
    expect(seen).toEqual([first.version + 1]);
    expect(p.compiled()).not.toBe(first);
    expect(p.decide(alice(), req).outcome).toBe('allowed');
    // A second service on the same store and events bus follows the version too.
    const other = new PolicyService(store, clock, events, idps);
    p.updateSegment(s.id, { enabled: false });
    expect(other.version).toBe(p.version);
    expect(other.decide(alice(), req).code).toBe('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND');
  });

  it('survives a reopen of the database (migration 3 tables)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    try {
      const file = join(dir, 'cloud.db');
      const s1 = openSqliteStore(file);
      const c1 = {
        store: s1,
        clock,
        events: new CloudEvents(),
        idps: new IdpService(s1, clock, new CloudEvents(), () => ''),
      };
      const p1 = new PolicyService(c1.store, c1.clock, c1.events, c1.idps);
      const g = p1.createSegmentGroup({ name: 'G' });
      p1.createRule('timeout', { name: 'B', reauthTimeoutSeconds: 600 });
      p1.createRule('timeout', { name: 'A', ruleOrder: 1 });
      await s1.close();
      const s2 = openSqliteStore(file);
      expect(s2.policy.segmentGroup(g.id)!.name).toBe('G');
      expect(s2.policy.rules('timeout').map((r) => [r.name, r.ruleOrder])).toEqual([
        ['A', 1],
        ['B', 2],
      ]);
      expect(s2.policy.version()).toBe(3);
      await s2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('administration rules', () => {
  const err = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof DomainError) {
        const a = toAdminError(e);
        return { status: a.status, code: a.code, message: a.message };
      }
      throw e;
    }
    throw new Error('expected a DomainError');
  };

  it('keeps references, names and domain/port ownership consistent', () => {
    const p = ctx.policy;
    const g = p.createSegmentGroup({ name: 'G' });
    expect(err(() => p.createSegmentGroup({ name: 'g' }))).toMatchObject({
      status: 409,
      code: 'name_taken',
    });
    const seg = {
      name: 'Web',
      domains: ['App.Acme.Example.'],
      tcpPortRanges: [{ from: 80, to: 443 }],
      segmentGroupId: g.id,
    };
    const s = p.createSegment(seg);
    expect(s.domains).toEqual(['app.acme.example']);
    expect(
      err(() =>
        p.createSegment({ ...seg, name: 'Web 2', tcpPortRanges: [{ from: 443, to: 443 }] }),
      ),
    ).toMatchObject({
      status: 409,
      code: 'segment_conflict',
    });
    // Same domain on other ports is fine.
    p.createSegment({ ...seg, name: 'SSH', tcpPortRanges: [{ from: 22, to: 22 }] });
    expect(err(() => p.createSegment({ ...seg, name: 'X', segmentGroupId: 'nope' }))).toMatchObject(
      {
        code: 'invalid_reference',
      },
    );
    expect(
      err(() =>
        p.createSegment({ ...seg, name: 'Y', domains: ['y.acme.example'], tcpPortRanges: [] }),
      ),
    ).toMatchObject({
      status: 400,
    });
    p.createRule('access', {
      name: 'R',
      conditions: [{ operands: [{ objectType: 'APP', rhs: s.id }] }],
    });
    expect(err(() => p.removeSegment(s.id))).toMatchObject({ status: 409, code: 'in_use' });
    expect(err(() => p.removeSegmentGroup(g.id))).toMatchObject({ status: 409, code: 'in_use' });
    expect(
      err(() =>
        p.createRule('access', {
          name: 'Bad',
          conditions: [
            {
              operands: [
                { objectType: 'APP_GROUP', rhs: 'nope' },
                { objectType: 'SCIM_GROUP', lhs: 'no-idp', rhs: 'x' },
              ],
            },
          ],
        }),
      ),
    ).toMatchObject({ status: 400, code: 'invalid_reference' });
    expect(err(() => p.createRule('access', { name: 'r' }))).toMatchObject({
      status: 409,
      code: 'name_taken',
    });
  });

  it('inserts at a position, moves, removes and reorders', () => {
    const p = ctx.policy;
    const names = () => p.listRules('forwarding').map((r) => `${r.ruleOrder}:${r.name}`);
    const a = p.createRule('forwarding', { name: 'a' });
    const b = p.createRule('forwarding', { name: 'b' });
    const c = p.createRule('forwarding', { name: 'c', ruleOrder: 1 });
    expect(names()).toEqual(['1:c', '2:a', '3:b']);
    p.updateRule('forwarding', c.id, { ruleOrder: 3 });
    expect(names()).toEqual(['1:a', '2:b', '3:c']);
    p.removeRule('forwarding', a.id);
    expect(names()).toEqual(['1:b', '2:c']);
    p.reorderRules('forwarding', { ruleIds: [c.id, b.id] });
    expect(names()).toEqual(['1:c', '2:b']);
    expect(err(() => p.reorderRules('forwarding', { ruleIds: [c.id] })).message).toContain(
      'missing',
    );
    expect(
      err(() => p.reorderRules('forwarding', { ruleIds: [c.id, c.id, b.id] })).message,
    ).toContain('listed twice');
    expect(err(() => p.createRule('forwarding', { name: 'z', ruleOrder: 9 }))).toMatchObject({
      status: 400,
    });
  });

  it('enforces the rule limits of §2.1 (500 forwarding rules)', () => {
    const p = ctx.policy;
    store.transaction(() => {
      for (let i = 0; i < 500; i++) p.createRule('forwarding', { name: `r${i}` });
    });
    expect(err(() => p.createRule('forwarding', { name: 'one too many' }))).toMatchObject({
      status: 409,
      code: 'limit_reached',
    });
  });
});

describe('the broker adapter', () => {
  it('maps decisions and lists the apps with one decision each', async () => {
    const { policyAccessDecider } =
      await import('../../../electron/cloud/policy/access-decider.js');
    seedDemoPolicies(ctx);
    const decider = policyAccessDecider(ctx.policy);
    // The adapter reads only the session fields PolicySessionContext names.
    const live = (x: object) => x as unknown as LiveSession;
    const a = live({ ...alice(), scimReady: true });
    const git = decider.decide(a, { fqdn: 'git.acme.example', port: 22 });
    expect(git).toMatchObject({
      outcome: 'allowed',
      code: 'OPEN_OR_ACTIVE_CONNECTION',
      idleTimeoutMs: null,
      expiresAt: T0 + 8 * HOUR,
    });
    expect(Array.isArray(git.trace)).toBe(true);
    const status = decider.decide(a, { fqdn: 'status.acme.example', port: 443 });
    expect(status).toMatchObject({ outcome: 'bypassed', code: 'BYPASSED', expiresAt: null });

    const apps = decider.apps(a);
    expect(apps.map((x) => x.name).sort()).toEqual(
      [
        'Dev environments',
        'Git',
        'Globex Wiki',
        'Intranet',
        'Legacy HR',
        'Payroll',
        'Status page',
      ].sort(),
    );
    const byName = Object.fromEntries(apps.map((x) => [x.name, x]));
    expect(byName['Dev environments']).toMatchObject({
      app: '*.dev.acme.example',
      ports: [443, ...Array.from({ length: 11 }, (_, i) => 8080 + i)],
      decision: { outcome: 'allowed' },
    });
    expect(byName['Payroll']!.decision.code).toBe('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND');
    expect(byName['Status page']!.forwarding).toBe('BYPASS');
    expect(byName['Globex Wiki']).toMatchObject({
      forwarding: 'INTERCEPT_ACCESIBLE',
      decision: { outcome: 'bypassed' },
    });
    const carolPayroll = decider.apps(live(carol())).find((x) => x.name === 'Payroll')!;
    expect(carolPayroll.decision).toMatchObject({
      outcome: 'allowed',
      idleTimeoutMs: 3600_000,
      expiresAt: T0 + 24 * HOUR,
    });
    expect(decider.version()).toBe(ctx.policy.version);
  });
});
