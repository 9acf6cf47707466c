/**
 * Policy engine benchmark: `npm run bench:policy -- [--rules 2000] [--segments 100]
 * [--decisions 200000] [--small 1000] [--big 100000] [--max-seconds 15] [--seed 1]`.
 *
 * Builds a realistic policy through the PolicyService (real validation, real SQLite store): 100
 * application segments (exact and wildcard domains) in 20 segment groups, 2,000 access rules
 * mixing APP / APP_GROUP / SAML / SCIM / SCIM_GROUP / IDP / CLIENT_TYPE / PLATFORM criteria in
 * AND and OR conditions, 50 forwarding and 30 timeout rules. Then it measures decisions per second
 * for a realistic request mix (known hosts, wildcard hosts, wrong ports, unknown hosts) with a
 * subject pool of 1,000 and of 100,000 SCIM users:
 *
 * - engine: the pure `decide` over the compiled policy (subjects prepared in memory);
 * - service: `PolicyService.decide(session, request)`, the path the broker takes, in the steady
 *   state of live sessions: the decider keeps each user's SCIM record and groups until a SCIM
 *   write (every session is decided once before timing); the two SQLite reads a user's first
 *   decision makes are timed apart (findByName, groupsOf).
 *
 * Each with the full trace and without; a run stops after --max-seconds. It also prints the rules
 * evaluated per decision (the engine's work, which must not depend on the number of users) and
 * the cost of the two SCIM store reads the service makes. It prints figures; it never fails on a
 * timing.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { IdpService } from '../../../electron/cloud/idp-config/idp-service.js';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../../electron/cloud/events.js';
import type { PolicySubject } from '../../../electron/cloud/policy/criteria.js';
import { decide } from '../../../electron/cloud/policy/engine.js';
import type { PolicySessionContext } from '../../../electron/cloud/policy/decider.js';
import { scimAttributeId } from '../../../electron/cloud/policy/scim-attributes.js';
import { PolicyService } from '../../../electron/cloud/policy/service.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import type {
  AppRequest,
  AppSegment,
  DecisionOutcome,
  PolicyCondition,
  PolicyOperand,
} from '../../../shared/model/policy.js';
import { recordFigures } from '../results.js';
import { rowFigure } from '../rows.js';
import { Latencies, int, pct, prng, table } from '../scim/stats.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** The pool's SCIM group of that name (the rules' SCIM_GROUP criteria hold this id). */
const scimGroupId = (name: string) => `grp-${name}`;
const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Finance',
  'HR',
  'Marketing',
  'Support',
  'Legal',
  'Operations',
  'IT',
  'Research',
];
const TITLES = ['Engineer', 'Manager', 'Director', 'Analyst', 'Specialist', 'Architect'];
const USER_TYPES = ['Employee', 'Employee', 'Employee', 'Employee', 'Contractor', 'Intern'];
const TEAMS = Array.from({ length: 50 }, (_, i) => `Team-${String(i + 1).padStart(2, '0')}`);
const SCIM_GROUP_NAMES = [...TEAMS, ...DEPARTMENTS];
const PLATFORMS = ['windows', 'windows', 'mac', 'mac', 'linux'] as const;
const DAY = 86_400_000;

const { values: args } = parseArgs({
  options: {
    rules: { type: 'string', default: '2000' },
    segments: { type: 'string', default: '100' },
    decisions: { type: 'string', default: '200000' },
    small: { type: 'string', default: '1000' },
    big: { type: 'string', default: '100000' },
    'max-seconds': { type: 'string', default: '15' },
    seed: { type: 'string', default: '1' },
  },
});
const RULES = Number(args.rules);
const SEGMENTS = Number(args.segments);
const DECISIONS = Number(args.decisions);
const MAX_SECONDS = Number(args['max-seconds']);
const SEED = Number(args.seed);

// ---------------------------------------------------------------------------------------------
// The policy

interface World {
  store: Store;
  clock: SimulatedClock;
  policy: PolicyService;
  oktaId: string;
  entraId: string;
  segments: AppSegment[];
  requests: AppRequest[];
  setupMs: { policy: number; compile: number };
}

/** Okta's SCIM groups, one per team and department: pushed before the rules name them by id. */
function insertScimGroups(store: Store, oktaId: string, now: number) {
  for (const name of SCIM_GROUP_NAMES) {
    store.scim.insert('Group', oktaId, {
      id: scimGroupId(name),
      name,
      externalId: null,
      active: true,
      version: 1,
      created: now,
      lastModified: now,
      attributes: { displayName: name },
    });
  }
}

function buildWorld(): World {
  const rand = prng(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const store = openSqliteStore(':memory:');
  const clock = new SimulatedClock(() => Date.parse('2026-03-01T09:00:00Z'));
  const events = new CloudEvents();
  const idps = new IdpService(store, clock, events, () => 'http://bench');
  const okta = idps.create({
    name: 'Okta',
    protocol: 'saml',
    vendor: 'okta',
    domains: ['acme.example'],
    samlAttributesForPolicy: true,
    scimSyncEnabled: true,
    scimAttributesForPolicy: true,
  });
  const entra = idps.create({
    name: 'Entra',
    protocol: 'saml',
    vendor: 'entra',
    domains: ['contoso.example'],
    samlAttributesForPolicy: true,
  });
  clock.advance(3 * DAY); // most sessions are newer than "SCIM Attributes for Policy" first on
  insertScimGroups(store, okta.id, clock.now());
  const policy = new PolicyService(store, clock, events, idps);
  const t0 = performance.now();

  const groups = Array.from(
    { length: 20 },
    (_, i) => policy.createSegmentGroup({ name: `Group ${i + 1}` }).id,
  );
  const segments: AppSegment[] = [];
  for (let i = 0; i < SEGMENTS; i++) {
    // 30% wildcards, some nested under others.
    const domain =
      i % 10 === 9
        ? `*.env${i}.apps${i % 7}.acme.example`
        : i % 10 >= 7
          ? `*.apps${i}.acme.example`
          : `app${i}.${pick(['acme.example', 'corp.acme.example', 'contoso.example'])}`;
    const ports = pick([
      [443],
      [80, 443],
      [22, 443],
      [8443],
      [3389],
      [5432],
      [8080, 8090],
    ] as const);
    segments.push(
      policy.createSegment({
        name: `Segment ${i}`,
        domains: [domain],
        tcpPortRanges:
          ports[0] === 8080 ? [{ from: 8080, to: 8090 }] : ports.map((p) => ({ from: p, to: p })),
        segmentGroupId: groups[i % groups.length]!,
        bypassType: i % 50 === 49 ? 'ALWAYS' : 'NEVER',
        enabled: i % 40 !== 39,
      }),
    );
  }

  const or = (...operands: PolicyOperand[]): PolicyCondition => ({ operator: 'OR', operands });
  const and = (...operands: PolicyOperand[]): PolicyCondition => ({ operator: 'AND', operands });
  const app = (): PolicyOperand => ({ objectType: 'APP', lhs: 'id', rhs: pick(segments).id });
  const appGroup = (): PolicyOperand => ({ objectType: 'APP_GROUP', lhs: 'id', rhs: pick(groups) });
  const saml = (lhs: string, rhs: string): PolicyOperand => ({ objectType: 'SAML', lhs, rhs });
  // SCIM criteria hold ids, as the cloud's: the attribute definition's, the SCIM group's.
  const scim = (path: string, rhs: string): PolicyOperand => {
    const lhs = scimAttributeId(okta.id, path);
    if (!lhs) throw new Error(`no SCIM attribute ${path}`);
    return { objectType: 'SCIM', idpId: okta.id, lhs, rhs };
  };
  const scimGroup = (name: string): PolicyOperand => ({
    objectType: 'SCIM_GROUP',
    lhs: okta.id,
    rhs: scimGroupId(name),
  });
  const idp = (id: string): PolicyOperand => ({ objectType: 'IDP', lhs: 'id', rhs: id });
  const platform = (lhs: string): PolicyOperand => ({ objectType: 'PLATFORM', lhs, rhs: 'true' });
  // [weight, rule body]: department apps, team apps, contractor blocks, device checks, AND'ed
  // SAML + SCIM, IdP-wide apps, global IdP rules, SCIM department.
  const templates: [number, () => Record<string, unknown>][] = [
    [
      35,
      () => {
        const dept = pick(DEPARTMENTS);
        const apps = Array.from({ length: 1 + Math.floor(rand() * 3) }, app);
        return { conditions: [or(...apps), or(saml('department', dept), scimGroup(dept))] };
      },
    ],
    [
      20,
      () => {
        const team = pick(TEAMS);
        return { conditions: [or(appGroup()), or(saml('groups', team), scimGroup(team))] };
      },
    ],
    [
      10,
      () => ({
        action: 'DENY',
        customMsg: 'Contractors cannot use this application.',
        conditions: [or(app()), or(scim('userType', 'Contractor'))],
      }),
    ],
    [
      10,
      () => ({
        conditions: [
          or(appGroup()),
          or({ objectType: 'CLIENT_TYPE', lhs: 'id', rhs: 'zpn_client_type_zapp' }),
          or(platform('windows'), platform('mac')),
          or(saml('department', pick(DEPARTMENTS))),
        ],
      }),
    ],
    [
      10,
      () => ({
        conditions: [
          or(app()),
          and(saml('department', pick(DEPARTMENTS)), scim('title', pick(TITLES))),
        ],
      }),
    ],
    [5, () => ({ conditions: [or(app(), app()), or(idp(pick([okta.id, entra.id])))] })],
    [
      5,
      () => ({
        action: rand() < 0.5 ? 'DENY' : 'ALLOW',
        conditions: [or(idp(pick([okta.id, entra.id]))), or(saml('department', pick(DEPARTMENTS)))],
      }),
    ],
    [
      5,
      () => ({
        conditions: [or(app()), or(scim('department', pick(DEPARTMENTS)))],
      }),
    ],
  ];
  const total = templates.reduce((n, [w]) => n + w, 0);
  const template = () => {
    let r = rand() * total;
    for (const [w, make] of templates) if ((r -= w) < 0) return make();
    return templates[0]![1]();
  };
  store.transaction(() => {
    for (let i = 0; i < RULES; i++) {
      policy.createRule('access', { name: `access ${i}`, ...template() });
    }
    for (let i = 0; i < 50; i++) {
      const kind = i % 10;
      policy.createRule('forwarding', {
        name: `forwarding ${i}`,
        action: kind === 0 ? 'BYPASS' : kind === 1 ? 'INTERCEPT_ACCESIBLE' : 'INTERCEPT',
        conditions:
          kind === 0
            ? [or(app()), or(platform('linux'))]
            : kind === 1
              ? [or(appGroup()), or(idp(entra.id))]
              : [or(appGroup()), or(saml('department', pick(DEPARTMENTS)))],
      });
    }
    for (let i = 0; i < 30; i++) {
      const team = pick(TEAMS);
      policy.createRule('timeout', {
        name: `timeout ${i}`,
        conditions: [or(appGroup()), or(saml('groups', team), scimGroup(team))],
        reauthTimeoutSeconds: pick([8 * 3600, 86400, 2 * 86400]),
        idleTimeoutSeconds: 3600,
      });
    }
  });
  const policyMs = performance.now() - t0;
  const t1 = performance.now();
  policy.compiled();
  const compileMs = performance.now() - t1;

  // The request mix: 80% known hosts on a listed port, 10% a port no segment lists, 10% unknown.
  const requests: AppRequest[] = [];
  for (let i = 0; i < 4096; i++) {
    const r = rand();
    if (r < 0.1) {
      requests.push({ fqdn: `unknown${i}.example.net`, port: 443 });
      continue;
    }
    const s = pick(segments);
    const d = s.domains[0]!;
    const fqdn = d.startsWith('*.') ? `host${i % 37}.${d.slice(2)}` : d;
    const range = pick(s.tcpPortRanges);
    const port = r < 0.2 ? 9999 : range.from + Math.floor(rand() * (range.to - range.from + 1));
    requests.push({ fqdn, port });
  }
  return {
    store,
    clock,
    policy,
    oktaId: okta.id,
    entraId: entra.id,
    segments,
    requests,
    setupMs: { policy: policyMs, compile: compileMs },
  };
}

// ---------------------------------------------------------------------------------------------
// Users

interface Pool {
  sessions: PolicySessionContext[];
  subjects: PolicySubject[];
  buildMs: number;
}

/**
 * n users and their sessions: 90% Okta (SCIM Sync and SCIM for policy on; ~1% not synced, ~2%
 * deactivated, ~10% signed in before SCIM for policy was enabled), 10% Entra (SCIM off). Replaces
 * the Okta SCIM database.
 */
function buildPool(w: World, n: number): Pool {
  const rand = prng(SEED + n);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const now = w.clock.now();
  const sessions: PolicySessionContext[] = [];
  const groupsOfUser: { id: string; name: string }[][] = [];
  const members = new Map<string, string[]>();
  const t0 = performance.now();
  w.store.transaction(() => {
    w.store.scim.removeAllOfIdp(w.oktaId);
    for (const id of w.store.scim.all('Group', w.oktaId).map((g) => g.id)) {
      w.store.scim.remove('Group', w.oktaId, id);
    }
    for (const u of w.store.scim.all('User', w.oktaId)) w.store.scim.remove('User', w.oktaId, u.id);
    insertScimGroups(w.store, w.oktaId, now);
    for (const name of SCIM_GROUP_NAMES) members.set(name, []);
    for (let i = 0; i < n; i++) {
      const entra = i % 10 === 9;
      const userName = `user${i}@${entra ? 'contoso' : 'acme'}.example`;
      const department = pick(DEPARTMENTS);
      const title = pick(TITLES);
      const teams = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(TEAMS));
      const groups = [...new Set([department, ...teams])].map((name) => ({
        id: scimGroupId(name),
        name,
      }));
      groupsOfUser.push(groups);
      const active = rand() > 0.02;
      if (!entra && rand() > 0.01) {
        w.store.scim.insert('User', w.oktaId, {
          id: `scim-${i}`,
          name: userName,
          externalId: null,
          active,
          version: 1,
          created: now,
          lastModified: now,
          attributes: {
            userName,
            active,
            title,
            userType: pick(USER_TYPES),
            name: { givenName: `Given${i}`, familyName: `Family${i}` },
            [ENTERPRISE]: { department },
          },
        });
        for (const g of groups) members.get(g.name)!.push(`scim-${i}`);
      }
      const authTime = now - Math.floor(rand() * 3 * DAY);
      sessions.push({
        idpId: entra ? w.entraId : w.oktaId,
        userName,
        attributes: { department: [department], groups: teams, title: [title] },
        authTime,
        createdAt: rand() < 0.1 ? now - 3 * DAY : authTime,
        clientType: 'zpn_client_type_zapp',
        platform: pick(PLATFORMS),
      });
    }
    for (const [name, ids] of members) {
      w.store.scim.setMembers(
        w.oktaId,
        scimGroupId(name),
        ids.map((value) => ({ value, type: 'User', display: null })),
      );
    }
  });
  // The engine-only runs read no store: their subjects hold the SCIM record and groups in memory
  // (taken without touching the lazy `groups`, which would query the store).
  const subjects = sessions.map((session, i) => {
    const subject = w.policy.inputFor(session, { fqdn: '', port: 0 }).subject;
    const rec = subject.scim;
    if (rec) {
      subject.scim = { active: rec.active, attributes: rec.attributes, groups: groupsOfUser[i]! };
    }
    return subject;
  });
  return { sessions, subjects, buildMs: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// Runs

interface RunResult {
  mode: string;
  users: number;
  trace: boolean;
  decisions: number;
  /** Rules evaluated per decision, counted from the trace (full-trace runs only). */
  rulesPerDecision: number | null;
  perSec: number;
  /** Decisions per second of this process's CPU: steadier than perSec on a shared machine. */
  perCpuSec: number;
  lat: ReturnType<Latencies['summary']>;
  outcomes: Record<DecisionOutcome, number>;
}

function measure(
  mode: 'engine' | 'service',
  w: World,
  pool: Pool,
  trace: boolean,
  decisions: number,
): RunResult {
  const rand = prng(SEED * 7 + pool.sessions.length);
  const compiled = w.policy.compiled();
  const idpOf = new Map(
    [w.oktaId, w.entraId].map((id) => [
      id,
      w.policy.inputFor(
        { idpId: id, userName: '', attributes: {}, authTime: 0 },
        { fqdn: '', port: 0 },
      ).idp,
    ]),
  );
  const now = w.clock.now();
  const one = (i: number) => {
    const request = w.requests[i & (w.requests.length - 1)]!;
    const u = Math.floor(rand() * pool.sessions.length);
    if (mode === 'service') return w.policy.decide(pool.sessions[u]!, request, { trace });
    const subject = pool.subjects[u]!;
    return decide(compiled, { request, subject, idp: idpOf.get(subject.idpId)!, now }, { trace });
  };
  if (mode === 'service') {
    // Steady state of live sessions: each has had a decision since the last SCIM write, so the
    // decider keeps its user's SCIM record (the first decision's two store reads are timed apart,
    // in lookupCosts). Same for both pool sizes; a session decided before costs nothing here.
    for (const session of pool.sessions) w.policy.decide(session, w.requests[0]!, { trace: false });
  }
  const warmUpEnd = performance.now() + 2000;
  const warmUps = Math.min(20_000, decisions);
  for (let i = 0; i < warmUps && performance.now() < warmUpEnd; i++) one(i);

  const lat = new Latencies(decisions);
  const outcomes: Record<DecisionOutcome, number> = {
    allowed: 0,
    blocked: 0,
    bypassed: 0,
    reauth_required: 0,
  };
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const deadline = start + MAX_SECONDS * 1000;
  let rules = 0;
  let n = 0;
  for (; n < decisions && (n % 256 !== 0 || performance.now() < deadline); n++) {
    const t = performance.now();
    const d = one(n);
    lat.add((performance.now() - t) * 1000); // µs
    outcomes[d.outcome]++;
    if (trace) for (const e of d.trace) if (e.ruleId !== undefined) rules++;
  }
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    mode,
    users: pool.sessions.length,
    trace,
    decisions: n,
    rulesPerDecision: trace ? rules / n : null,
    perSec: n / elapsed,
    perCpuSec: n / ((cpu.user + cpu.system) / 1e6),
    lat: lat.summary(),
    outcomes,
  };
}

/** The two SCIM store reads of a service decision, timed alone (µs each). */
function lookupCosts(w: World, pool: Pool): [number, number] {
  const rand = prng(SEED * 13);
  const time = (fn: (i: number) => unknown) => {
    const t = performance.now();
    let n = 0;
    for (; n < 5000 && (n % 16 !== 0 || performance.now() - t < 3000); n++) {
      fn(Math.floor(rand() * pool.sessions.length));
    }
    return ((performance.now() - t) * 1000) / n;
  };
  return [
    time((i) => w.store.scim.findByName('User', w.oktaId, pool.sessions[i]!.userName)),
    time((i) => w.store.scim.groupsOf(w.oktaId, `scim-${i}`)),
  ];
}

// ---------------------------------------------------------------------------------------------

const us = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n)} µs`;

function main() {
  console.log(`Policy engine benchmark — node ${process.version}, seed ${SEED}\n`);
  const w = buildWorld();
  const compiled = w.policy.compiled();
  const candidates = w.segments.map((s) => compiled.access.candidates(s.id).length);
  const everywhere = compiled.access.rules.filter((r) =>
    w.segments.every((s) => compiled.access.candidates(s.id).includes(r)),
  ).length;
  const mean = candidates.reduce((a, b) => a + b, 0) / candidates.length;
  console.log(
    table(
      ['policy', 'value'],
      [
        ['application segments', int(w.segments.length)],
        [
          'access / forwarding / timeout rules',
          `${compiled.access.rules.length} / ${compiled.forwarding.rules.length} / ${compiled.timeout.rules.length}`,
        ],
        ['built through the admin service in', `${int(w.setupMs.policy)} ms`],
        ['compiled (once per policy version) in', `${w.setupMs.compile.toFixed(1)} ms`],
        ['access rules that can apply to every segment', int(everywhere)],
        [
          'access rule candidates per segment (min / mean / max)',
          `${Math.min(...candidates)} / ${mean.toFixed(0)} / ${Math.max(...candidates)}`,
        ],
      ],
    ),
  );

  const results: RunResult[] = [];
  const pools: string[][] = [];
  const sizes = [Number(args.small), Number(args.big)];
  for (const users of sizes) {
    const pool = buildPool(w, users);
    const [byName, groupsOf] = lookupCosts(w, pool);
    pools.push([int(users), `${int(pool.buildMs)} ms`, us(byName), us(groupsOf)]);
    for (const mode of ['engine', 'service'] as const) {
      for (const trace of [false, true]) {
        results.push(measure(mode, w, pool, trace, trace ? Math.ceil(DECISIONS / 4) : DECISIONS));
      }
    }
  }
  console.log(
    '\n' +
      table(['SCIM users', 'pool built in', 'store.scim.findByName', 'store.scim.groupsOf'], pools),
  );
  console.log(
    '\n' +
      table(
        [
          'mode',
          'SCIM users',
          'trace',
          'decisions',
          'rules/decision',
          'decisions/s',
          'mean',
          'p50',
          'p99',
          'allowed',
          'blocked',
          'bypassed',
          'reauth',
        ],
        results.map((r) => [
          r.mode,
          int(r.users),
          r.trace ? 'full' : 'off',
          int(r.decisions),
          r.rulesPerDecision === null ? '' : r.rulesPerDecision.toFixed(1),
          int(r.perSec),
          us(r.lat.mean),
          us(r.lat.p50),
          us(r.lat.p99),
          pct((100 * r.outcomes.allowed) / r.decisions),
          pct((100 * r.outcomes.blocked) / r.decisions),
          pct((100 * r.outcomes.bypassed) / r.decisions),
          pct((100 * r.outcomes.reauth_required) / r.decisions),
        ]),
      ),
  );
  const half = results.length / 2;
  console.log(
    '\n' +
      table(
        ['mode', 'trace', `decisions/s, ${int(sizes[1]!)} vs ${int(sizes[0]!)} users`, 'per CPU s'],
        results.slice(0, half).map((small, i) => {
          const big = results[half + i]!;
          return [
            small.mode,
            small.trace ? 'full' : 'off',
            `${(big.perSec / small.perSec).toFixed(2)}x`,
            `${(big.perCpuSec / small.perCpuSec).toFixed(2)}x`,
          ];
        }),
      ),
  );
  recordFigures({
    benchmark: 'policy',
    parameters: { rules: RULES, small: sizes[0]!, big: sizes[1]! },
    figures: results.slice(0, half).map((small, i) => {
      const big = results[half + i]!;
      const value = Math.round((big.perSec / small.perSec) * 100) / 100;
      const sizesText = `${int(sizes[1]!)} vs ${int(sizes[0]!)} users`;
      const rates = `${int(big.perSec)}/s vs ${int(small.perSec)}/s`;
      // The broker asks with the full trace (PolicyDecider.decide's default): that is the row.
      return small.mode === 'service' && small.trace
        ? rowFigure('policyService', { value, unit: 'x', detail: sizesText, note: rates })
        : {
            measure: `policy ${small.mode} decisions/s, ${sizesText} (trace ${small.trace ? 'full' : 'off'})`,
            value,
            unit: 'x',
            note: rates,
          };
    }),
  });
}

main();
