/**
 * Demo policies for the demo tenant (seed/demo-tenant.ts): segments for Acme (the Okta SAML IdP,
 * acme.example) and Globex (the OIDC IdP, globex.example) and rules that show each outcome (app
 * hosts live under the organisations' domains: a workshop tenant's are intranet.acme-3.example…):
 *
 * - intranet.acme.example (TCP 80, 443): allowed for every Acme user;
 * - git.acme.example (TCP 22, 443) and *.dev.acme.example (TCP 443, 8080-8090), segment group
 *   "Engineering Apps": allowed for Engineering (SAML groups, or the SCIM group once Okta pushed
 *   it: demo-scim-groups.ts), blocked for Sales
 *   with a message (DENY rule above), and reauthentication every 8 hours (timeout rule), so
 *   after "advance clock 8 hours" an engineer is "blocked until you reauthenticate";
 * - payroll.acme.example (TCP 443): Finance only, via the SAML department attribute OR the SCIM
 *   group "Finance" (with SCIM off the SCIM criterion is skipped and SAML decides);
 * - wiki.globex.example (TCP 443): Globex users, forwarded only if allowed;
 * - status.acme.example (TCP 443): Bypass = Always, never reaches the cloud;
 * - legacy.acme.example (TCP 443): a disabled segment (NO_POLICY_FOUND).
 *
 * Runs once per database (settings key `seeded.policies`); needs the IdPs to exist first and
 * leaves out the rules of an IdP it cannot find (matched by email domain).
 */
import type { PolicyCondition, PolicyOperand, PolicyType } from '../../../shared/model/policy.js';
import type { Clock } from '../clock/clock.js';
import type { IdpService } from '../idp-config/idp-service.js';
import { DEMO_DOMAINS, type DemoDomains } from '../seed/demo-domains.js';
import type { Store } from '../store/types.js';
import { wantScimGroups, type WantedScimGroup } from './demo-scim-groups.js';
import type { PolicyService } from './service.js';

interface SeedContext {
  store: Store;
  clock: Clock;
  idps: IdpService;
  policy: PolicyService;
  /** The organisations' domains (workshop tenants have their own); apps live under them. */
  domains?: DemoDomains;
}

const SEEDED_KEY = 'seeded.policies';

export interface SeededPolicies {
  segmentGroups: Record<string, string>;
  segments: Record<string, string>;
}

/** Seeds the demo policies unless already done; returns the ids it created (empty if it did not run). */
export function seedDemoPolicies(ctx: SeedContext): SeededPolicies {
  // All or nothing: a failed seed leaves no half of it behind (nor its claim) to clash with the
  // next attempt. The claim comes first: another instance seeding at once waits, then skips.
  return ctx.store.transaction(() =>
    ctx.store.settings.claim(SEEDED_KEY, new Date(ctx.clock.now()).toISOString())
      ? seed(ctx)
      : { segmentGroups: {}, segments: {} },
  );
}

function seed(ctx: SeedContext): SeededPolicies {
  const out: SeededPolicies = { segmentGroups: {}, segments: {} };
  const { policy } = ctx;
  const domains = ctx.domains ?? DEMO_DOMAINS;
  const idpFor = (domain: string) => ctx.idps.list().find((i) => i.domains.includes(domain))?.id;
  const acme = idpFor(domains.acme);
  const globex = idpFor(domains.globex);
  /** An app host of Acme or Globex: intranet.acme.example, wiki.globex-3.example. */
  const host = (name: string, org: keyof DemoDomains) => `${name}.${domains[org]}`;

  const group = (name: string, description: string) =>
    (out.segmentGroups[name] = policy.createSegmentGroup({ name, description }).id);
  const corporate = group('Corporate Apps', 'Apps for everyone at Acme');
  const engineering = group('Engineering Apps', 'Source control and dev environments');
  const finance = group('Finance Apps', 'Payroll and accounting');
  const globexApps = group('Globex Apps', 'Apps of the Globex subsidiary');

  const tcp = (...ports: (number | [number, number])[]) =>
    ports.map((p) => (Array.isArray(p) ? { from: p[0], to: p[1] } : { from: p, to: p }));
  const segment = (body: Record<string, unknown> & { name: string }) =>
    (out.segments[body.name] = policy.createSegment(body).id);
  const intranet = segment({
    name: 'Intranet',
    domains: [host('intranet', 'acme')],
    tcpPortRanges: tcp(80, 443),
    segmentGroupId: corporate,
  });
  segment({
    name: 'Git',
    domains: [host('git', 'acme')],
    tcpPortRanges: tcp(22, 443),
    segmentGroupId: engineering,
  });
  segment({
    name: 'Dev environments',
    domains: [host('*.dev', 'acme')],
    tcpPortRanges: tcp(443, [8080, 8090]),
    segmentGroupId: engineering,
  });
  const payroll = segment({
    name: 'Payroll',
    domains: [host('payroll', 'acme')],
    tcpPortRanges: tcp(443),
    segmentGroupId: finance,
  });
  const wiki = segment({
    name: 'Globex Wiki',
    domains: [host('wiki', 'globex')],
    tcpPortRanges: tcp(443),
    segmentGroupId: globexApps,
  });
  segment({
    name: 'Status page',
    description: 'Public status page: always bypassed',
    domains: [host('status', 'acme')],
    tcpPortRanges: tcp(443),
    segmentGroupId: corporate,
    bypassType: 'ALWAYS',
  });
  segment({
    name: 'Legacy HR',
    description: 'Retired: disabled',
    domains: [host('legacy', 'acme')],
    tcpPortRanges: tcp(443),
    segmentGroupId: corporate,
    enabled: false,
  });

  const or = (...operands: PolicyOperand[]): PolicyCondition => ({ operator: 'OR', operands });
  const app = (id: string): PolicyOperand => ({ objectType: 'APP', lhs: 'id', rhs: id });
  const appGroup = (id: string): PolicyOperand => ({ objectType: 'APP_GROUP', lhs: 'id', rhs: id });
  const idp = (id: string): PolicyOperand => ({ objectType: 'IDP', lhs: 'id', rhs: id });
  const saml = (idpId: string, lhs: string, rhs: string): PolicyOperand => ({
    objectType: 'SAML',
    lhs,
    rhs,
    idpId,
  });
  // SCIM-group criteria hold the group's id, which exists only once Okta pushed the group: the
  // rule asks for it by name and demo-scim-groups.ts adds it then (condition 1 of each rule).
  const wanted: WantedScimGroup[] = [];
  const wantGroup = <T extends PolicyType>(
    type: T,
    ruleId: string,
    idpId: string,
    groupName: string,
  ) => wanted.push({ type, ruleId, condition: 1, idpId, groupName });

  if (acme) {
    policy.createRule('access', {
      name: 'Block Sales from engineering apps',
      description: 'Block rules go first: the first matching rule wins.',
      action: 'DENY',
      customMsg: 'Engineering apps are not available to Sales. Ask IT if you need access.',
      conditions: [or(appGroup(engineering)), or(saml(acme, 'department', 'Sales'))],
    });
    const payrollRule = policy.createRule('access', {
      name: 'Payroll for Finance',
      description: 'SAML department OR SCIM group: SCIM is skipped while SCIM is off.',
      conditions: [or(app(payroll)), or(saml(acme, 'department', 'Finance'))],
    });
    wantGroup('access', payrollRule.id, acme, 'Finance');
    const engineeringRule = policy.createRule('access', {
      name: 'Engineering apps for Engineering',
      conditions: [or(appGroup(engineering)), or(saml(acme, 'groups', 'Engineering'))],
    });
    wantGroup('access', engineeringRule.id, acme, 'Engineering');
    policy.createRule('access', {
      name: 'Intranet for Acme',
      conditions: [or(app(intranet)), or(idp(acme))],
    });
    const engineeringTimeout = policy.createRule('timeout', {
      name: 'Engineering reauth every 8 hours',
      conditions: [or(appGroup(engineering)), or(saml(acme, 'groups', 'Engineering'))],
      reauthTimeoutSeconds: 8 * 3600,
      idleTimeoutSeconds: -1,
      messageToUser:
        'Engineering apps ask you to sign in again every 8 hours. Reauthenticate to continue.',
    });
    wantGroup('timeout', engineeringTimeout.id, acme, 'Engineering');
  }
  if (globex) {
    policy.createRule('access', {
      name: 'Globex wiki for Globex',
      conditions: [or(app(wiki)), or(idp(globex))],
    });
    policy.createRule('forwarding', {
      name: 'Globex: forward only allowed apps',
      action: 'INTERCEPT_ACCESIBLE',
      conditions: [or(appGroup(globexApps))],
    });
  }
  policy.createRule('timeout', {
    name: 'Payroll reauth every day',
    conditions: [or(app(payroll))],
    reauthTimeoutSeconds: 24 * 3600,
    idleTimeoutSeconds: 3600,
  });
  wantScimGroups(ctx.store, wanted);
  return out;
}
