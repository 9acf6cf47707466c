import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../electron/cloud/policy/rule-match.js';
import {
  allow,
  app,
  appGroup,
  clientType,
  compile,
  deny,
  ENTERPRISE,
  forward,
  group,
  IDP,
  idpOp,
  or,
  OTHER_IDP,
  platform,
  run,
  saml,
  scimAttr,
  scimGroup,
  scimGroupId,
  scimUser,
  segment,
  T0,
  timeoutRule,
} from './builders.js';
import type { ScimSubject } from '../../../electron/cloud/policy/criteria.js';
import type { PolicyOperand } from '../../../shared/model/policy.js';

const HOUR = 3600_000;

describe('most specific application segment', () => {
  const policy = compile({
    segments: [
      segment('exact', ['git.acme.example'], [22, 443]),
      segment('wild', ['*.acme.example'], [[1, 65535]]),
      segment('deeper', ['*.dev.acme.example'], [443]),
      segment('udp', ['dns.acme.example'], [], { udpPortRanges: [{ from: 53, to: 53 }] }),
    ],
    access: [allow('all', [])],
  });
  const seg = (fqdn: string, port = 443, protocol: 'TCP' | 'UDP' = 'TCP') =>
    run(policy, { request: { fqdn, port, protocol } }).segment?.id ?? null;

  it('prefers an exact FQDN to a wildcard', () => {
    expect(seg('git.acme.example')).toBe('exact');
    expect(seg('GIT.Acme.Example.')).toBe('exact');
  });
  it('falls back to a wildcard when the exact segment does not cover the port', () => {
    expect(seg('git.acme.example', 80)).toBe('wild');
    const d = run(policy, { request: { fqdn: 'git.acme.example', port: 80 } });
    expect(d.trace[0]!.message).toContain('"exact" lists git.acme.example but not TCP port 80');
  });
  it('prefers the longer wildcard, at any depth', () => {
    expect(seg('a.dev.acme.example')).toBe('deeper');
    expect(seg('x.y.dev.acme.example')).toBe('deeper');
    expect(seg('a.dev.acme.example', 8443)).toBe('wild');
    expect(seg('wiki.acme.example')).toBe('wild');
  });
  it('a wildcard does not cover its apex; unknown hosts are APP_NOT_FOUND', () => {
    const d = run(policy, { request: { fqdn: 'acme.example', port: 443 } });
    expect(d).toMatchObject({
      outcome: 'blocked',
      code: 'BRK_MT_SETUP_FAIL_APP_NOT_FOUND',
      statusClass: 'Error',
      segment: null,
    });
    expect(d.trace.map((e) => e.step)).toEqual(['segment', 'result']);
  });
  it('matches UDP ports separately from TCP', () => {
    expect(seg('dns.acme.example', 53, 'UDP')).toBe('udp');
    expect(seg('dns.acme.example', 53, 'TCP')).toBe('wild');
    expect(seg('other.example', 53, 'UDP')).toBeNull();
  });
});

describe('client forwarding comes before access', () => {
  const segments = [
    segment('s', ['app.acme.example'], [443]),
    segment('status', ['status.acme.example'], [443], { bypassType: 'ALWAYS' }),
  ];

  it('no forwarding rule: INTERCEPT by default, then access decides', () => {
    const d = run(compile({ segments, access: [allow('a', [or(app('s'))])] }));
    expect(d.forwarding).toEqual({
      action: 'INTERCEPT',
      source: 'default',
      ruleId: null,
      ruleName: null,
    });
    expect(d.outcome).toBe('allowed');
  });

  it('BYPASS: bypassed, access policy never evaluated, no code', () => {
    const d = run(
      compile({
        segments,
        forwarding: [forward('bypass it', 'BYPASS', [or(app('s'))])],
        access: [deny('deny all', [])],
      }),
    );
    expect(d).toMatchObject({ outcome: 'bypassed', code: null, statusClass: 'Info', access: null });
    expect(d.forwarding).toMatchObject({ action: 'BYPASS', source: 'rule', ruleName: 'bypass it' });
    expect(d.trace.some((e) => e.step === 'access')).toBe(false);
  });

  it('segment Bypass = Always wins over forwarding rules', () => {
    const d = run(
      compile({
        segments,
        forwarding: [forward('fwd', 'INTERCEPT', [])],
        access: [allow('a', [])],
      }),
      { request: { fqdn: 'status.acme.example' } },
    );
    expect(d.outcome).toBe('bypassed');
    expect(d.forwarding!.source).toBe('segment_bypass');
    expect(d.trace.some((e) => e.ruleId === 'fwd')).toBe(false);
  });

  it('Bypass wins for a domain bypassed on other ports (another segment)', () => {
    const policy = compile({
      segments: [
        segment('web', ['app.acme.example'], [443]),
        segment('ssh', ['app.acme.example'], [22]),
      ],
      forwarding: [forward('bypass ssh', 'BYPASS', [or(app('ssh'))])],
      access: [allow('a', [])],
    });
    const d = run(policy, { request: { port: 443 } });
    expect(d.outcome).toBe('bypassed');
    expect(d.forwarding!.source).toBe('same_domain_bypass');
    expect(
      d.trace.find((e) => e.step === 'forwarding' && e.result === 'bypassed')!.message,
    ).toContain('Bypass wins');
  });

  it('first matching forwarding rule wins', () => {
    const d = run(
      compile({
        segments,
        forwarding: [
          forward('windows only', 'BYPASS', [or(platform('mac'))]),
          forward('intercept', 'INTERCEPT', []),
          forward('never reached', 'BYPASS', []),
        ],
        access: [allow('a', [])],
      }),
    );
    expect(d.forwarding!.ruleName).toBe('intercept');
    expect(d.outcome).toBe('allowed');
    expect(d.trace.some((e) => e.ruleId === 'never reached')).toBe(false);
  });

  describe('INTERCEPT_ACCESIBLE forwards only allowed apps', () => {
    const policy = compile({
      segments,
      forwarding: [forward('only allowed', 'INTERCEPT_ACCESIBLE', [])],
      access: [allow('finance', [or(app('s')), or(saml('department', 'Finance'))])],
    });
    it('allowed app: forwarded and allowed', () => {
      const d = run(policy, { subject: { samlAttributes: { department: ['Finance'] } } });
      expect(d.outcome).toBe('allowed');
      expect(d.forwarding!.action).toBe('INTERCEPT_ACCESIBLE');
    });
    it('app access does not allow: not forwarded (bypassed), not a block', () => {
      const d = run(policy, { subject: { samlAttributes: { department: ['Sales'] } } });
      expect(d).toMatchObject({ outcome: 'bypassed', code: null });
      expect(d.message).toContain('not forwarded');
      expect(d.trace.find((e) => e.result === 'not_forwarded')!.message).toContain(
        'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND',
      );
    });
  });
});

describe('the SCIM check', () => {
  const policy = compile({
    segments: [segment('s', ['app.acme.example'], [443])],
    access: [allow('a', [])],
  });

  it('SCIM Sync on, user not in the SCIM database: SCIM_INACTIVE, "not synced"', () => {
    const d = run(policy, { toggles: { scimSync: true }, subject: { scim: null } });
    expect(d).toMatchObject({
      outcome: 'blocked',
      code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
      statusClass: 'Error',
    });
    expect(d.message).toContain('is not synced to the SCIM database of IdP "Okta"');
    expect(d.trace.some((e) => e.step === 'access')).toBe(false);
  });

  it('SCIM Sync on, user deactivated: SCIM_INACTIVE, "deactivated"', () => {
    const d = run(policy, {
      toggles: { scimSync: true },
      subject: { scim: scimUser({}, [], false) },
    });
    expect(d.code).toBe('BRK_MT_SETUP_FAIL_SCIM_INACTIVE');
    expect(d.message).toContain('was deactivated in the SCIM database');
  });

  it('SCIM Sync on and active, or SCIM Sync off: no block', () => {
    expect(
      run(policy, { toggles: { scimSync: true }, subject: { scim: scimUser() } }).outcome,
    ).toBe('allowed');
    const off = run(policy, { toggles: { scimSync: false }, subject: { scim: null } });
    expect(off.outcome).toBe('allowed');
    expect(off.trace.find((e) => e.step === 'scim')!.result).toBe('not_applicable');
  });

  it('applies even though SCIM Attributes for Policy is off or the session is not SCIM-ready', () => {
    const d = run(policy, {
      toggles: { scimSync: true, scimPolicy: false },
      subject: { scim: null, scimReady: false },
    });
    expect(d.code).toBe('BRK_MT_SETUP_FAIL_SCIM_INACTIVE');
  });
});

describe('access policy', () => {
  const segments = [segment('s', ['app.acme.example'], [443])];

  it('top-down, first match: a block rule above an allow rule blocks, with its message', () => {
    const rules = [
      deny('block sales', [or(saml('department', 'Sales'))], { customMsg: 'No Sales here.' }),
      allow('allow all', []),
    ];
    const sales = run(compile({ segments, access: rules }), {
      subject: { samlAttributes: { department: ['Sales'] } },
    });
    expect(sales).toMatchObject({
      outcome: 'blocked',
      code: 'BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY',
      statusClass: 'PolicyBlock',
      message: 'No Sales here.',
      access: { action: 'DENY', ruleName: 'block sales' },
    });
    // The classic mistake: allow-all above the block rule lets everyone in.
    const reversed = run(compile({ segments, access: [...rules].reverse() }), {
      subject: { samlAttributes: { department: ['Sales'] } },
    });
    expect(reversed.outcome).toBe('allowed');
    expect(reversed.trace.some((e) => e.ruleId === 'block sales')).toBe(false);
  });

  it('a DENY rule without a message uses the default block message', () => {
    const d = run(compile({ segments, access: [deny('d', [])] }));
    expect(d.message).toBe('Application access is blocked by Private Access policy.');
  });

  it('no matching rule: implicit block, NO_POLICY_FOUND', () => {
    const d = run(compile({ segments, access: [allow('a', [or(saml('department', 'HR'))])] }));
    expect(d).toMatchObject({
      code: 'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND',
      statusClass: 'PolicyBlock',
    });
    expect(d.trace.find((e) => e.result === 'implicit_block')).toBeTruthy();
  });

  it('a disabled segment or segment group is NO_POLICY_FOUND without looking at rules', () => {
    const disabled = run(
      compile({
        segments: [segment('s', ['app.acme.example'], [443], { enabled: false })],
        access: [allow('a', [])],
      }),
    );
    expect(disabled.code).toBe('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND');
    expect(disabled.message).toContain('segment "s" is disabled');
    const groupOff = run(
      compile({ groups: [group('g1', { enabled: false })], segments, access: [allow('a', [])] }),
    );
    expect(groupOff.message).toContain('segment group "g1" is disabled');
    expect(groupOff.trace.some((e) => e.ruleId === 'a')).toBe(false);
  });

  it('evaluates IDP (OR), CLIENT_TYPE, PLATFORM, APP_GROUP criteria', () => {
    const policy = compile({
      segments,
      access: [
        allow('r', [
          or(appGroup('g1')),
          or(idpOp(OTHER_IDP), idpOp(IDP)),
          or(clientType('zpn_client_type_zapp')),
          or(platform('windows'), platform('mac')),
        ]),
      ],
    });
    expect(run(policy).outcome).toBe('allowed');
    expect(run(policy, { subject: { platform: 'linux' } }).outcome).toBe('blocked');
    expect(run(policy, { subject: { platform: null } }).outcome).toBe('blocked');
    expect(run(policy, { subject: { clientType: 'zpn_client_type_exporter' } }).outcome).toBe(
      'blocked',
    );
    expect(run(policy, { subject: { idpId: 'idp-3' } }).outcome).toBe('blocked');
  });

  it('SAML names and values compare case-insensitively; an operand of another IdP fails', () => {
    const policy = compile({
      segments,
      access: [allow('r', [or(saml('Department', 'finance', IDP))])],
    });
    expect(run(policy, { subject: { samlAttributes: { department: ['FINANCE'] } } }).outcome).toBe(
      'allowed',
    );
    const other = compile({
      segments,
      access: [allow('r', [or(saml('department', 'Finance', OTHER_IDP))])],
    });
    const d = run(other, { subject: { samlAttributes: { department: ['Finance'] } } });
    expect(d.outcome).toBe('blocked');
    expect(d.trace.find((e) => e.ruleId === 'r')!.criteria![0]!.reason).toContain(
      `criterion is for IdP ${OTHER_IDP}`,
    );
  });

  it('reads SCIM attributes by short, dotted and URN-qualified paths, multi-valued too', () => {
    const user = scimUser({
      title: 'Controller',
      userType: 'Employee',
      name: { givenName: 'Carol' },
      emails: [{ value: 'carol@acme.example', type: 'work' }, { value: 'c@home.example' }],
      [ENTERPRISE]: { department: 'Finance', costCenter: '4711' },
    });
    const ok = (lhs: string, rhs: string) =>
      run(compile({ segments, access: [allow('r', [or(scimAttr(lhs, rhs))])] }), {
        toggles: { scimPolicy: true },
        subject: { scim: user },
      }).outcome;
    expect(ok('title', 'controller')).toBe('allowed');
    expect(ok('userType', 'Employee')).toBe('allowed');
    expect(ok('name.givenName', 'Carol')).toBe('allowed');
    expect(ok('emails.value', 'c@home.example')).toBe('allowed');
    expect(ok('department', 'Finance')).toBe('allowed');
    expect(ok(`${ENTERPRISE}:department`, 'Finance')).toBe('allowed');
    expect(ok(`${ENTERPRISE}:costCenter`, '4711')).toBe('allowed');
    expect(ok('urn:ietf:params:scim:schemas:core:2.0:User:title', 'Controller')).toBe('allowed');
    expect(ok('active', 'true')).toBe('allowed');
    expect(ok('title', 'CFO')).toBe('blocked');
    expect(ok(`${ENTERPRISE}:title`, 'Controller')).toBe('blocked'); // title is core
  });

  it('SCIM groups match by id only (a renamed group keeps matching), only for their IdP', () => {
    const ok = (rhs: string, groups = ['Finance'], idpId = IDP) =>
      run(compile({ segments, access: [allow('r', [or(scimGroup(rhs, idpId))])] }), {
        toggles: { scimPolicy: true },
        subject: { scim: scimUser({}, groups) },
      }).outcome;
    expect(ok(scimGroupId('Finance'))).toBe('allowed');
    expect(ok('Finance')).toBe('blocked'); // a name is not an id
    expect(ok('finance')).toBe('blocked');
    expect(ok(scimGroupId('Sales'))).toBe('blocked');
    expect(ok(scimGroupId('Finance'), ['Finance'], OTHER_IDP)).toBe('blocked');
    // Renamed in the IdP (and pushed): same id, new displayName.
    const renamed: ScimSubject = {
      ...scimUser({}, []),
      groups: [{ id: scimGroupId('Finance'), name: 'Finance & Controlling' }],
    };
    const d = run(
      compile({ segments, access: [allow('r', [or(scimGroup(scimGroupId('Finance')))])] }),
      { toggles: { scimPolicy: true }, subject: { scim: renamed } },
    );
    expect(d.outcome).toBe('allowed');
  });

  it('SCIM attribute criteria hold the attribute id of their IdP, never its name', () => {
    const user = scimUser({ title: 'Controller' });
    const ok = (o: PolicyOperand) =>
      run(compile({ segments, access: [allow('r', [or(o)])] }), {
        toggles: { scimPolicy: true },
        subject: { scim: user },
      }).outcome;
    expect(ok(scimAttr('title', 'Controller'))).toBe('allowed');
    expect(ok({ objectType: 'SCIM', lhs: 'title', rhs: 'Controller', idpId: IDP })).toBe('blocked');
    // Another IdP's id for "title" is not this IdP's attribute.
    expect(ok({ ...scimAttr('title', 'Controller', OTHER_IDP), idpId: IDP })).toBe('blocked');
  });
});

describe('timeout policy', () => {
  const policy = compile({
    segments: [
      segment('git', ['git.acme.example'], [443]),
      segment('wiki', ['wiki.acme.example'], [443]),
    ],
    access: [allow('a', [])],
    timeout: [
      timeoutRule('eng 8h', 8 * 3600, [or(app('git')), or(saml('groups', 'Engineering'))], {
        messageToUser: 'Sign in again for Git.',
      }),
      timeoutRule('never for wiki', -1, [or(app('wiki'))]),
    ],
  });
  const eng = { samlAttributes: { groups: ['Engineering'] } };

  it('valid up to and including the boundary, expired 1 ms later', () => {
    const at = (now: number) =>
      run(policy, { request: { fqdn: 'git.acme.example' }, subject: eng, now });
    const edge = at(T0 + 8 * HOUR);
    expect(edge.outcome).toBe('allowed');
    expect(edge.timeout).toEqual({
      reauthTimeoutSeconds: 28800,
      idleTimeoutSeconds: -1,
      expiresAt: new Date(T0 + 8 * HOUR).toISOString(),
      ruleId: 'eng 8h',
      ruleName: 'eng 8h',
    });
    const late = at(T0 + 8 * HOUR + 1);
    expect(late).toMatchObject({
      outcome: 'reauth_required',
      code: 'BRK_MT_SETUP_FAIL_SAML_EXPIRED',
      statusClass: 'reauthBlock',
      message: 'Sign in again for Git.',
    });
    expect(late.trace.find((e) => e.result === 'expired')!.message).toContain('8 hours');
  });

  it('no matching timeout rule: the default (7 days, idle default)', () => {
    const d = run(policy, { request: { fqdn: 'git.acme.example' }, now: T0 + 6 * 24 * HOUR });
    expect(d.outcome).toBe('allowed');
    expect(d.timeout).toMatchObject({
      reauthTimeoutSeconds: 604800,
      idleTimeoutSeconds: -1,
      ruleId: null,
    });
    const week = run(policy, {
      request: { fqdn: 'git.acme.example' },
      now: T0 + 7 * 24 * HOUR + 1,
    });
    expect(week.code).toBe('BRK_MT_SETUP_FAIL_SAML_EXPIRED');
    expect(week.message).toContain('the default timeout rule');
  });

  it('Never: no expiry', () => {
    const d = run(policy, { request: { fqdn: 'wiki.acme.example' }, now: T0 + 365 * 24 * HOUR });
    expect(d.outcome).toBe('allowed');
    expect(d.timeout!.expiresAt).toBeNull();
  });

  it('is not evaluated when access blocks', () => {
    const blocked = compile({
      segments: [segment('git', ['git.acme.example'], [443])],
      timeout: [timeoutRule('t', 600, [])],
    });
    const d = run(blocked, { request: { fqdn: 'git.acme.example' }, now: T0 + 10 * 24 * HOUR });
    expect(d.code).toBe('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND');
    expect(d.timeout).toBeNull();
  });
});

describe('the trace', () => {
  it('records the segment, forwarding, SCIM check, every access rule looked at and the result', () => {
    const policy = compile({
      segments: [
        segment('payroll', ['payroll.acme.example'], [443]),
        segment('git', ['git.acme.example'], [443]),
      ],
      access: [
        allow('git only', [or(app('git'))]),
        deny('block contractors', [or(app('payroll')), or(scimAttr('userType', 'Contractor'))]),
        allow('finance', [
          or(app('payroll')),
          or(saml('department', 'Finance'), scimGroup(scimGroupId('Finance'))),
        ]),
        allow('unreached', []),
      ],
    });
    const d = run(policy, {
      request: { fqdn: 'payroll.acme.example' },
      toggles: { saml: true, scimSync: true, scimPolicy: true },
      subject: {
        scimReady: false,
        scim: scimUser({ userType: 'Employee' }, ['Finance']),
        samlAttributes: { department: ['Finance'] },
      },
    });
    expect(d.outcome).toBe('allowed');
    expect(d.access).toEqual({ action: 'ALLOW', ruleId: 'finance', ruleName: 'finance' });
    const steps = d.trace.map((e) => `${e.step}:${e.result}${e.ruleId ? `:${e.ruleId}` : ''}`);
    expect(steps).toEqual([
      'segment:matched',
      'forwarding:default',
      'scim:active',
      'access:not_considered',
      'access:skipped:block contractors',
      'access:matched:finance',
      'timeout:default',
      'timeout:valid',
      'result:allowed',
    ]);
    expect(d.trace[0]!.message).toBe(
      'payroll.acme.example:443/TCP → segment "payroll" (exact payroll.acme.example, TCP 443)',
    );
    expect(d.trace[3]!.message).toBe(
      '1 of 4 access rules only apply to other segments or segment groups: not evaluated',
    );
    const finance = d.trace.find((e) => e.ruleId === 'finance')!;
    expect(finance.criteria).toEqual([
      {
        condition: 0,
        objectType: 'APP',
        lhs: 'id',
        rhs: 'payroll',
        result: 'matched',
        reason: 'the request is for this segment',
      },
      {
        condition: 1,
        objectType: 'SAML',
        lhs: 'department',
        rhs: 'Finance',
        result: 'matched',
        reason: 'the session has department = "Finance"',
      },
      {
        condition: 1,
        objectType: 'SCIM_GROUP',
        lhs: IDP,
        rhs: scimGroupId('Finance'),
        result: 'skipped',
        reason:
          'SCIM criteria skipped: session authenticated before SCIM Attributes for Policy was first enabled — reauthenticate',
      },
    ]);
    expect(d.trace.at(-1)!.message).toBe(
      'OPEN_OR_ACTIVE_CONNECTION: Access to "payroll" is allowed by access rule "finance".',
    );
  });

  it('explains failed criteria with the values the session has', () => {
    const policy = compile({
      segments: [segment('s', ['app.acme.example'], [443])],
      access: [
        allow('r', [
          or(
            saml('department', 'Finance'),
            scimAttr('title', 'CFO'),
            scimGroup(scimGroupId('Finance')),
          ),
        ]),
      ],
    });
    const d = run(policy, {
      toggles: { scimPolicy: true },
      subject: {
        samlAttributes: { department: ['Sales'] },
        scim: scimUser({ title: 'AE' }, ['Sales', 'ZPA Users']),
      },
    });
    expect(d.trace.find((e) => e.ruleId === 'r')!.criteria!.map((c) => c.reason)).toEqual([
      'the session has department = "Sales"',
      'SCIM title is "AE"',
      `the user's SCIM groups are "Sales (id-sales)", "ZPA Users (id-zpa users)"`,
    ]);
  });

  it('with trace off holds only the result, and decides the same', () => {
    const policy = compile({
      segments: [segment('s', ['app.acme.example'], [443])],
      access: [allow('a', [])],
    });
    const d = run(policy, {}, { trace: false });
    expect(d.outcome).toBe('allowed');
    expect(d.trace).toEqual([{ step: 'result', result: 'allowed', message: expect.any(String) }]);
  });
});

describe('rule index', () => {
  it('only rules naming the segment, its group, or no segment at all are candidates', () => {
    const policy = compile({
      groups: [group('g1'), group('g2')],
      segments: [
        segment('a', ['a.acme.example'], [443]),
        segment('b', ['b.acme.example'], [443], { segmentGroupId: 'g2' }),
      ],
      access: [
        allow('for a', [or(app('a'))]),
        allow('for g2', [or(appGroup('g2'))]),
        { ...allow('a or saml', [or(app('a')), or(saml('x', 'y'))]), operator: 'OR' },
        allow('global', [or(saml('x', 'y'))]),
      ],
    });
    expect(policy.access.candidates('a').map((r) => r.rule.id)).toEqual([
      'for a',
      'a or saml',
      'global',
    ]);
    expect(policy.access.candidates('b').map((r) => r.rule.id)).toEqual([
      'for g2',
      'a or saml',
      'global',
    ]);
  });
});

it('formats durations', () => {
  expect(formatDuration(28800)).toBe('8 hours');
  expect(formatDuration(604800)).toBe('7 days');
  expect(formatDuration(5400)).toBe('1 hour 30 minutes');
  expect(formatDuration(0)).toBe('0 seconds');
});
