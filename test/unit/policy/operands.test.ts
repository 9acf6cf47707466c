/**
 * Why each kind of criterion matched or failed, as the trace tells the admin (policy/operands.ts),
 * and the matching edges behind it: negated platforms, operands of another IdP, SCIM values that
 * are objects or missing, long value lists. Found by mutation testing (npm run test:mutation --
 * policy/operands).
 */
import { describe, expect, it } from 'vitest';
import type { PolicyOperand } from '../../../shared/model/policy.js';
import {
  ENTERPRISE,
  IDP,
  OTHER_IDP,
  allow,
  app,
  appGroup,
  clientType,
  compile,
  idpOp,
  or,
  platform,
  run,
  saml,
  scimAttr,
  scimGroup,
  scimGroupId,
  scimUser,
  segment,
} from './builders.js';

const segments = [segment('web', ['app.acme.example'], [443])];
type Opts = Parameters<typeof run>[1];

/**
 * The outcome and the trace's reason for a rule whose first criterion is `operand` (`also`: more
 * criteria OR'ed with it).
 */
function judge(operand: PolicyOperand, opts: Opts = {}, ...also: PolicyOperand[]) {
  const d = run(compile({ segments, access: [allow('r', [or(operand, ...also)])] }), {
    toggles: { saml: true, scimPolicy: true },
    ...opts,
    // SCIM Sync is on: the user must be synced to reach the access rules.
    subject: { scim: scimUser(), ...opts.subject },
  });
  const c = d.trace.find((e) => e.ruleId === 'r')!.criteria![0]!;
  return { allowed: d.outcome === 'allowed', result: c.result, reason: c.reason };
}

describe('segment, group, IdP, client type and platform criteria', () => {
  it('name the segment and group of the request', () => {
    expect(judge(app('web'))).toEqual({
      allowed: true,
      result: 'matched',
      reason: 'the request is for this segment',
    });
    expect(judge(appGroup('g1')).reason).toBe("the request's segment is in this segment group");
    // Alone, a criterion for another segment leaves the rule out for this one (compile.ts).
    const otherIdp = idpOp(OTHER_IDP);
    expect(judge(app('other'), {}, otherIdp).reason).toBe('the request is for segment "web"');
    expect(judge(appGroup('g2'), {}, otherIdp).reason).toBe(
      "the request's segment is in segment group g1",
    );
  });

  it('name the IdP and the client type of the session', () => {
    expect(judge(idpOp(OTHER_IDP))).toMatchObject({
      allowed: false,
      reason: `the session is from IdP "Okta" (${IDP})`,
    });
    expect(judge(clientType('zpn_client_type_exporter'))).toMatchObject({
      allowed: false,
      reason: 'the client type is zpn_client_type_zapp',
    });
  });

  it('a platform criterion is never skipped: beside a skipped SAML criterion it decides', () => {
    const d = run(
      compile({
        segments,
        access: [allow('r', [or(saml('department', 'Finance'), platform('windows'))])],
      }),
      { toggles: { saml: false } },
    );
    expect(d.outcome).toBe('allowed');
  });

  it('a platform criterion can be negated (rhs "false"), and names the platform', () => {
    const notWindows: PolicyOperand = { ...platform('windows'), rhs: 'FALSE' };
    expect(judge(notWindows)).toMatchObject({
      allowed: false,
      reason: 'the platform is windows',
    });
    expect(judge(notWindows, { subject: { platform: 'mac' } }).allowed).toBe(true);
    expect(judge(platform('Windows')).allowed).toBe(true);
    expect(judge(platform('windows'), { subject: { platform: null } })).toMatchObject({
      allowed: false,
      reason: 'the platform is unknown',
    });
  });
});

describe('SAML criteria', () => {
  it('name the values the session has, at most ten', () => {
    const values = Array.from({ length: 12 }, (_, i) => `g${i}`);
    const { reason } = judge(saml('Groups', 'Finance'), {
      subject: { samlAttributes: { groups: values, GROUPS: ['g12'], other: ['x'] } },
    });
    expect(reason).toBe(
      'the session has Groups = "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9", … (13 in all)',
    );
  });

  it('list ten values in full', () => {
    const values = Array.from({ length: 10 }, (_, i) => `g${i}`);
    expect(
      judge(saml('groups', 'Finance'), { subject: { samlAttributes: { groups: values } } }).reason,
    ).toBe(`the session has groups = ${values.map((v) => `"${v}"`).join(', ')}`);
  });

  it('a match names the value the rule asks for, whatever else the session has', () => {
    const { reason } = judge(saml('department', 'Finance'), {
      subject: { samlAttributes: { department: ['finance', 'Sales'] } },
    });
    expect(reason).toBe('the session has department = "Finance"');
  });

  it('say when the session has no such attribute', () => {
    expect(judge(saml('department', 'Finance')).reason).toBe(
      'the session has no SAML attribute "department"',
    );
  });

  it('an operand for this IdP matches; one for another IdP says so', () => {
    const dept = { subject: { samlAttributes: { department: ['Finance'] } } };
    expect(judge(saml('department', 'Finance', IDP), dept)).toMatchObject({
      allowed: true,
      reason: 'the session has department = "Finance"',
    });
    expect(judge(saml('department', 'Finance', OTHER_IDP), dept)).toEqual({
      allowed: false,
      result: 'failed',
      reason: `criterion is for IdP ${OTHER_IDP}; the session is from ${IDP}`,
    });
  });
});

describe('SCIM attribute criteria', () => {
  const user = scimUser({
    title: 'Controller',
    name: { givenName: 'Carol' },
    emails: [{ value: 'carol@acme.example' }, { value: 'c@home.example' }],
    [ENTERPRISE]: { department: 'Finance' },
  });
  const withUser = { subject: { scim: user } };

  it('name the value the record has, or that it has none', () => {
    expect(judge(scimAttr('title', 'Controller'), withUser)).toMatchObject({
      allowed: true,
      reason: 'SCIM title = "Controller"',
    });
    expect(judge(scimAttr('emails.value', 'x@acme.example'), withUser).reason).toBe(
      'SCIM emails.value is "carol@acme.example", "c@home.example"',
    );
    expect(judge(scimAttr('department', 'Sales'), withUser).reason).toBe(
      'SCIM department is "Finance"',
    );
    expect(judge(scimAttr('division', 'EMEA'), withUser).reason).toBe(
      'the SCIM record has no division',
    );
  });

  it('an object where a value is expected, or a value where an object is, is no value', () => {
    const odd = { subject: { scim: scimUser({ displayName: { text: 'Carol' }, name: 'Carol' }) } };
    expect(judge(scimAttr('displayName', '[object Object]'), odd)).toMatchObject({
      allowed: false,
      reason: 'the SCIM record has no displayName',
    });
    expect(judge(scimAttr('name.givenName', 'Carol'), odd)).toMatchObject({
      allowed: false,
      reason: 'the SCIM record has no name.givenName',
    });
  });

  it('an operand of another IdP fails and says so', () => {
    expect(judge(scimAttr('title', 'Controller', OTHER_IDP), withUser)).toMatchObject({
      allowed: false,
      reason: `criterion is for IdP ${OTHER_IDP}; the session is from ${IDP}`,
    });
  });

  it('an lhs that is no attribute id of the IdP never matches, and says so', () => {
    const bogus: PolicyOperand = {
      objectType: 'SCIM',
      lhs: 'title',
      rhs: 'Controller',
      idpId: IDP,
    };
    expect(judge(bogus, withUser)).toMatchObject({
      allowed: false,
      reason: `"title" is not the id of a SCIM attribute of IdP ${IDP}`,
    });
    // Still a SCIM criterion: skipped, with the others, while SCIM is off.
    expect(judge(bogus, { toggles: { saml: true, scimSync: false } })).toMatchObject({
      result: 'skipped',
      reason: 'SCIM criteria skipped: SCIM Sync is off for IdP "Okta"',
    });
    const noIdp: PolicyOperand = { objectType: 'SCIM', lhs: 'title', rhs: 'Controller' };
    expect(judge(noIdp, withUser).reason).toBe(
      '"title" is not the id of a SCIM attribute of IdP (none given)',
    );
  });
});

describe('SCIM group criteria', () => {
  it('name the groups the user is in, or that there are none', () => {
    expect(
      judge(scimGroup(scimGroupId('Finance')), { subject: { scim: scimUser({}, ['Finance']) } }),
    ).toMatchObject({
      allowed: true,
      reason: `the user is a member of SCIM group "${scimGroupId('Finance')}"`,
    });
    expect(
      judge(scimGroup(scimGroupId('Finance')), { subject: { scim: scimUser({}, []) } }).reason,
    ).toBe('the user is in no SCIM group');
  });

  it('a group of another IdP fails, and so does one whose operand names another IdP', () => {
    const scim = { subject: { scim: scimUser({}, ['Finance']) } };
    expect(judge(scimGroup(scimGroupId('Finance'), OTHER_IDP), scim)).toMatchObject({
      allowed: false,
      reason: `the SCIM group belongs to IdP ${OTHER_IDP}; the session is from ${IDP}`,
    });
    const mixed: PolicyOperand = { ...scimGroup(scimGroupId('Finance')), idpId: OTHER_IDP };
    expect(judge(mixed, scim).allowed).toBe(false);
    const same: PolicyOperand = { ...scimGroup(scimGroupId('Finance')), idpId: IDP };
    expect(judge(same, scim).allowed).toBe(true);
  });
});
