/**
 * SCIM provisioning benchmark: `npm run bench:scim -- [--users 10000] [--big 100000]
 * [--concurrency 8] [--lookups 10000] [--deactivations 2000] [--seed 1] [--server-cpu-prof <dir>]`
 * (or the same as SCIM_BENCH_USERS, SCIM_BENCH_BIG, ... environment variables).
 *
 * Starts the real cloud CLI as a child process on a fresh temporary SQLite file, creates an Okta
 * IdP with SCIM Sync on, and drives its SCIM endpoint the way Okta provisions: a userName lookup
 * then a POST per user, lookups, PATCH deactivations, then a bulk grow and lookups again at the
 * larger size. It prints rates, latency percentiles, CPU use and correctness errors, next to the
 * targets; it never fails on a timing. All traffic goes to 127.0.0.1.
 *
 * With --server-cpu-prof <dir> the server runs under `node --cpu-prof` and the phase windows are
 * written to <dir>/phases.json; `tsx test/bench/scim/profile-summary.ts <dir>` then lists the
 * functions with the most self time in a phase.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { startBareProcess, startCloudProcess, type CloudProcess } from './server.js';
import { printCeiling } from './ceiling.js';
import { Errors, Latencies, int, mib, ms, pct, prng, table, type LatencySummary } from './stats.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const OKTA_USER_AGENT = 'Okta SCIM Client 1.0.0';
const DEACTIVATE_BODY = JSON.stringify({
  schemas: [PATCH_OP_SCHEMA],
  Operations: [{ op: 'replace', value: { active: false } }],
});

const TARGETS = {
  lookupsPerSec: 5000,
  createsPerSec: 1500,
  deactivationsPerSec: 3000,
  lookupP99Ms: 5,
  /** "No slower at the big size": rate at least this fraction of the small-size rate. */
  bigVsSmall: 0.9,
};

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  users: number;
  big: number;
  concurrency: number;
  lookups: number;
  deactivations: number;
  seed: number;
  serverCpuProf: string | undefined;
}

const USAGE = `Usage: npm run bench:scim -- [--users 10000] [--big 100000] [--concurrency 8]
       [--lookups 10000] [--deactivations 2000] [--seed 1] [--server-cpu-prof <dir>]
Each option can also be given as an environment variable: SCIM_BENCH_USERS, SCIM_BENCH_BIG, ...`;

function readOptions(): Options {
  try {
    return parseOptions();
  } catch (e) {
    console.error(
      (e as Error).message.includes('Usage')
        ? (e as Error).message
        : `${(e as Error).message}\n${USAGE}`,
    );
    process.exit(2);
  }
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      big: { type: 'string' },
      concurrency: { type: 'string' },
      lookups: { type: 'string' },
      deactivations: { type: 'string' },
      seed: { type: 'string' },
      'server-cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const env = (name: string) => process.env[`SCIM_BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const num = (name: keyof typeof values, fallback: number, min: number, max: number) => {
    const raw = (values[name] as string | undefined) ?? env(name);
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(
        `--${name} must be an integer from ${min} to ${max}, not "${raw}".\n${USAGE}`,
      );
    }
    return n;
  };
  const users = num('users', 10_000, 1, 1_000_000);
  return {
    users,
    big: num('big', 100_000, 0, 2_000_000),
    concurrency: num('concurrency', 8, 1, 256),
    lookups: num('lookups', 10_000, 0, 10_000_000),
    deactivations: Math.min(users, num('deactivations', 2000, 0, 1_000_000)),
    seed: num('seed', 1, 0, 2 ** 31 - 1),
    serverCpuProf: values['server-cpu-prof'] ?? env('server-cpu-prof'),
  };
}

// ---------------------------------------------------------------------------------------------
// The synthetic Okta directory

const GIVEN = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'Tim',
];
const FAMILY = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson'];
const PASSWORD = 'Bench-Passw0rd!';

const given = (i: number) => GIVEN[i % GIVEN.length]!;
const family = (i: number) => FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!;
const userNameOf = (i: number) => `${given(i)}.${family(i)}.${i}@bench.example.com`.toLowerCase();
/** Okta user ids: 20 characters starting with 00u. */
const oktaIdOf = (i: number) => `00u${i.toString(36).padStart(13, '0')}bn4x`;

/** Okta's create body (Okta SCIM 2.0 app, "Push New Users" with password sync). */
const createBodyOf = (i: number, userName: string) =>
  `{"schemas":["${USER_SCHEMA}"],"userName":"${userName}","name":{"givenName":"${given(i)}",` +
  `"familyName":"${family(i)}"},"emails":[{"primary":true,"value":"${userName}","type":"work"}],` +
  `"displayName":"${given(i)} ${family(i)}","locale":"en-US","externalId":"${oktaIdOf(i)}",` +
  `"groups":[],"password":"${PASSWORD}","active":true}`;

const filterQuery = (userName: string) =>
  `filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

/** Every other lookup varies the case: userName is caseExact=false, so eq must still match. */
function caseVariant(userName: string, k: number): string {
  switch (k % 4) {
    case 1:
      return userName.toUpperCase();
    case 3:
      return userName.charAt(0).toUpperCase() + userName.slice(1).replace('@bench', '@Bench');
    default:
      return userName;
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface Reply {
  status: number;
  text: string;
}

type Headers = Record<string, string>;

class ScimClient {
  constructor(
    private readonly pool: Pool,
    readonly prefix: string,
    private readonly readHeaders: Headers,
    private readonly writeHeaders: Headers,
  ) {}

  /** One request, its latency (to the last body byte) recorded; undefined on a network error. */
  async call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body: string | undefined,
    latencies: Latencies,
    errors: Errors,
    kind: string,
  ): Promise<Reply | undefined> {
    const t0 = performance.now();
    try {
      const res = await this.pool.request({
        method,
        path,
        headers: body === undefined ? this.readHeaders : this.writeHeaders,
        body,
      });
      const text = await res.body.text();
      latencies.add(performance.now() - t0);
      return { status: res.statusCode, text };
    } catch (e) {
      latencies.add(performance.now() - t0);
      errors.add(`${kind}: network error`, (e as Error).message);
      return undefined;
    }
  }
}

function parseJson(
  reply: Reply,
  errors: Errors,
  kind: string,
): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(reply.text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  errors.add(`${kind}: body is not a JSON object`, reply.text.slice(0, 200));
  return undefined;
}

function expectStatus(reply: Reply, status: number, errors: Errors, kind: string): boolean {
  if (reply.status === status) return true;
  errors.add(`${kind}: status ${reply.status}`, reply.text.slice(0, 300));
  return false;
}

/** The Resources of a ListResponse, or undefined (error counted) if it is not one. */
function listResources(
  body: Record<string, unknown>,
  errors: Errors,
  kind: string,
): Record<string, unknown>[] | undefined {
  const resources = body.Resources ?? [];
  if (!Array.isArray(resources) || typeof body.totalResults !== 'number') {
    errors.add(`${kind}: not a ListResponse`, JSON.stringify(body).slice(0, 300));
    return undefined;
  }
  if (body.totalResults !== resources.length) {
    errors.add(
      `${kind}: totalResults differs from Resources.length`,
      `totalResults ${body.totalResults}, ${resources.length} resources`,
    );
  }
  return resources as Record<string, unknown>[];
}

async function adminCall(
  pool: Pool,
  headers: Headers,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  expected: number,
  body?: unknown,
): Promise<unknown> {
  const res = await pool.request({
    method,
    path,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode !== expected) {
    throw new Error(
      `${method} ${path}: expected ${expected}, got ${res.statusCode}: ${text.slice(0, 500)}`,
    );
  }
  return JSON.parse(text) as unknown;
}

// ---------------------------------------------------------------------------------------------
// Phases

export interface PhaseResult {
  name: string;
  /** What one operation is, for the rate: "creates", "lookups", ... */
  unit: string;
  ops: number;
  requests: number;
  seconds: number;
  latencies: [string, LatencySummary][];
  errors: Errors;
  serverCpu: number;
  harnessCpu: number;
  aborted: string | undefined;
  startUs: number;
  endUs: number;
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Runs `n` operations, `concurrency` at a time (each worker awaits one operation before taking the
 * next index), and measures the wall time and both processes' CPU time.
 */
async function runPhase(
  server: CloudProcess,
  name: string,
  unit: string,
  n: number,
  concurrency: number,
  latencies: [string, Latencies][],
  errors: Errors,
  op: (i: number) => Promise<void>,
): Promise<PhaseResult> {
  process.stdout.write(`[${name}] ${int(n)} ${unit}, ${concurrency} in flight... `);
  let next = 0;
  let done = 0;
  let aborted: string | undefined;
  const shouldStop = () => {
    if (aborted) return true;
    if (server.exited()) aborted = 'the server exited';
    else if (errors.total >= 200 && errors.total > done / 2) aborted = 'more than half failed';
    return aborted !== undefined;
  };
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n || shouldStop()) return;
      await op(i);
      done++;
    }
  };
  const cpu0 = process.cpuUsage();
  const serverCpu0 = server.cpuSeconds();
  const startUs = monotonicUs();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, n)) }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const endUs = monotonicUs();
  const cpu = process.cpuUsage(cpu0);
  const result: PhaseResult = {
    name,
    unit,
    ops: done,
    requests: latencies.reduce((sum, [, l]) => sum + l.count, 0),
    seconds,
    latencies: latencies.map(([kind, l]) => [kind, l.summary()]),
    errors,
    serverCpu: ((server.cpuSeconds() - serverCpu0) / seconds) * 100,
    harnessCpu: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
    aborted,
    startUs,
    endUs,
  };
  console.log(`${seconds.toFixed(2)} s`);
  printPhase(result);
  return result;
}

function printPhase(r: PhaseResult) {
  const rate = r.ops / r.seconds;
  const lines = [
    `  ${int(r.ops)} ${r.unit} in ${r.seconds.toFixed(2)} s: ${int(rate)} ${r.unit}/s, ` +
      `${int(r.requests / r.seconds)} requests/s; server CPU ${pct(r.serverCpu)}, ` +
      `harness CPU ${pct(r.harnessCpu)}; errors ${int(r.errors.total)}`,
  ];
  for (const [kind, s] of r.latencies) {
    lines.push(
      `  ${kind.padEnd(12)} p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (${int(s.count)})`,
    );
  }
  if (r.aborted) lines.push(`  PHASE STOPPED EARLY: ${r.aborted}`);
  for (const [kind, count] of r.errors.byKind) lines.push(`  error ×${int(count)}: ${kind}`);
  for (const e of r.errors.examples) lines.push(`    e.g. ${e}`);
  console.log(lines.join('\n'));
}

interface Directory {
  userNames: string[];
  ids: (string | undefined)[];
}

/** Okta's push of a new user: look the userName up, and POST it when the lookup finds nothing. */
function createPhase(
  server: CloudProcess,
  client: ScimClient,
  dir: Directory,
  from: number,
  to: number,
  concurrency: number,
  withLookup: boolean,
  name: string,
) {
  const n = to - from;
  const lookupLat = new Latencies(withLookup ? n : 0);
  const postLat = new Latencies(n);
  const errors = new Errors();
  const usersPath = `${client.prefix}/Users`;
  return runPhase(
    server,
    name,
    'creates',
    n,
    concurrency,
    withLookup
      ? [
          ['GET lookup', lookupLat],
          ['POST', postLat],
        ]
      : [['POST', postLat]],
    errors,
    async (k) => {
      const i = from + k;
      const userName = dir.userNames[i]!;
      if (withLookup) {
        const path = `${usersPath}?${filterQuery(userName)}&startIndex=1&count=100`;
        const reply = await client.call('GET', path, undefined, lookupLat, errors, 'lookup');
        if (!reply || !expectStatus(reply, 200, errors, 'lookup')) return;
        const body = parseJson(reply, errors, 'lookup');
        const resources = body && listResources(body, errors, 'lookup');
        if (!resources) return;
        if (resources.length !== 0) {
          errors.add('lookup: found a user before it was created', userName);
          const id = resources[0]!.id;
          if (typeof id === 'string') dir.ids[i] = id;
          return;
        }
      }
      const reply = await client.call(
        'POST',
        usersPath,
        createBodyOf(i, userName),
        postLat,
        errors,
        'POST',
      );
      if (!reply || !expectStatus(reply, 201, errors, 'POST')) return;
      const body = parseJson(reply, errors, 'POST');
      if (!body) return;
      if (typeof body.id !== 'string' || body.userName !== userName || body.active !== true) {
        errors.add(
          'POST: created resource does not echo id, userName and active',
          reply.text.slice(0, 300),
        );
      }
      if (typeof body.id === 'string') dir.ids[i] = body.id;
    },
  );
}

/** Lookups of random existing users by userName (a quarter upper-cased, a quarter capitalized). */
function lookupPhase(
  server: CloudProcess,
  client: ScimClient,
  dir: Directory,
  population: number,
  lookups: number,
  concurrency: number,
  random: () => number,
  name: string,
) {
  // Pick the users and build the paths before the clock starts.
  const picks = new Int32Array(lookups);
  const paths: string[] = new Array<string>(lookups);
  for (let k = 0; k < lookups; k++) {
    const i = Math.floor(random() * population);
    picks[k] = i;
    paths[k] = `${client.prefix}/Users?${filterQuery(caseVariant(dir.userNames[i]!, k))}`;
  }
  const lat = new Latencies(lookups);
  const errors = new Errors();
  return runPhase(
    server,
    name,
    'lookups',
    lookups,
    concurrency,
    [['GET lookup', lat]],
    errors,
    async (k) => {
      const i = picks[k]!;
      const reply = await client.call('GET', paths[k]!, undefined, lat, errors, 'lookup');
      if (!reply || !expectStatus(reply, 200, errors, 'lookup')) return;
      const body = parseJson(reply, errors, 'lookup');
      const resources = body && listResources(body, errors, 'lookup');
      if (!resources) return;
      const userName = dir.userNames[i]!;
      if (resources.length !== 1) {
        errors.add(`lookup: ${resources.length} resources instead of 1`, `userName ${userName}`);
        return;
      }
      const found = resources[0]!;
      if (found.userName !== userName) {
        errors.add('lookup: wrong userName', `wanted ${userName}, got ${String(found.userName)}`);
      } else if (dir.ids[i] !== undefined && found.id !== dir.ids[i]) {
        errors.add(
          'lookup: wrong id',
          `${userName}: wanted ${dir.ids[i]}, got ${String(found.id)}`,
        );
      }
    },
  );
}

/** Okta's deactivation: PATCH replace {active:false} on distinct random users. */
function deactivatePhase(
  server: CloudProcess,
  client: ScimClient,
  dir: Directory,
  population: number,
  count: number,
  concurrency: number,
  random: () => number,
  name: string,
) {
  // A partial Fisher-Yates shuffle picks `count` distinct users.
  const order = Int32Array.from({ length: population }, (_, i) => i);
  for (let k = 0; k < count; k++) {
    const j = k + Math.floor(random() * (population - k));
    const t = order[k]!;
    order[k] = order[j]!;
    order[j] = t;
  }
  const paths = Array.from({ length: count }, (_, k) => {
    const id = dir.ids[order[k]!];
    return id === undefined ? undefined : `${client.prefix}/Users/${id}`;
  });
  const lat = new Latencies(count);
  const errors = new Errors();
  return runPhase(
    server,
    name,
    'deactivations',
    count,
    concurrency,
    [['PATCH', lat]],
    errors,
    async (k) => {
      const path = paths[k];
      if (path === undefined) {
        errors.add('PATCH: user was never created', dir.userNames[order[k]!]!);
        return;
      }
      const reply = await client.call('PATCH', path, DEACTIVATE_BODY, lat, errors, 'PATCH');
      if (!reply || !expectStatus(reply, 200, errors, 'PATCH')) return;
      const body = parseJson(reply, errors, 'PATCH');
      if (body && (body.active !== false || body.id !== dir.ids[order[k]!])) {
        errors.add('PATCH: response is not the deactivated user', reply.text.slice(0, 300));
      }
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Main

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function dbSizes(dbFile: string) {
  return { main: fileSize(dbFile), wal: fileSize(`${dbFile}-wal`) };
}

async function main() {
  const opts = readOptions();
  const tmp = mkdtempSync(join(tmpdir(), 'scim-bench-'));
  const dbFile = join(tmp, 'cloud.db');
  const adminToken = randomBytes(24).toString('base64url');
  if (opts.serverCpuProf) mkdirSync(opts.serverCpuProf, { recursive: true });

  let server: CloudProcess | undefined;
  let pool: Pool | undefined;
  let bare: CloudProcess | undefined;
  let barePool: Pool | undefined;
  /** Stops what is still running and removes the temporary files; safe to call twice. */
  const cleanup = async () => {
    const p = pool;
    pool = undefined;
    await p?.destroy().catch(() => {});
    const bp = barePool;
    barePool = undefined;
    await bp?.destroy().catch(() => {});
    const b = bare;
    bare = undefined;
    await b?.stop();
    const s = server;
    server = undefined;
    const code = await s?.stop();
    if (s && code !== 0) console.log(`The server exited with code ${code} after SIGTERM.`);
    rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    interrupted = true;
    console.log('\nInterrupted: stopping the server.');
    void cleanup().finally(() => process.exit(130));
  });

  try {
    console.log(
      `SCIM benchmark: ${int(opts.users)} users, grow to ${int(opts.big)}, ${opts.concurrency} in flight, ` +
        `${int(opts.lookups)} lookups, ${int(opts.deactivations)} deactivations, seed ${opts.seed}`,
    );
    console.log(
      `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), database ${dbFile}`,
    );

    const t0 = performance.now();
    server = await startCloudProcess({
      repoRoot: REPO_ROOT,
      dbFile,
      adminToken,
      // Sampling every 100 µs: a 1.5 s phase still gets ~15,000 samples.
      nodeFlags: opts.serverCpuProf
        ? [
            '--cpu-prof',
            '--cpu-prof-interval',
            '100',
            '--cpu-prof-dir',
            resolve(opts.serverCpuProf),
          ]
        : [],
    });
    const origin = new URL(server.baseUrl);
    if (origin.hostname !== '127.0.0.1')
      throw new Error(`The cloud listens on ${server.baseUrl}, not 127.0.0.1.`);
    console.log(
      `Cloud pid ${server.pid} up at ${server.baseUrl} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    pool = new Pool(origin.origin, {
      connections: opts.concurrency,
      pipelining: 1,
      keepAliveTimeout: 60_000,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const adminHeaders = { authorization: `Bearer ${adminToken}`, accept: 'application/json' };
    const idp = (await adminCall(pool, adminHeaders, 'POST', '/api/admin/idps', 201, {
      name: `SCIM bench Okta ${Date.now()}`,
      protocol: 'saml',
      vendor: 'okta',
    })) as { id: string; scimEndpoint: string };
    await adminCall(pool, adminHeaders, 'PATCH', `/api/admin/idps/${idp.id}`, 200, {
      scimSyncEnabled: true,
    });
    const { token } = (await adminCall(
      pool,
      adminHeaders,
      'POST',
      `/api/admin/idps/${idp.id}/scim-token`,
      201,
      {},
    )) as {
      token: string;
    };
    const endpoint = new URL(idp.scimEndpoint);
    if (endpoint.origin !== origin.origin) {
      throw new Error(
        `The SCIM endpoint ${idp.scimEndpoint} is not on the cloud's origin ${origin.origin}.`,
      );
    }
    console.log(`Okta IdP ${idp.id}, SCIM endpoint ${idp.scimEndpoint}\n`);

    const readHeaders = {
      authorization: `Bearer ${token}`,
      accept: 'application/scim+json',
      'user-agent': OKTA_USER_AGENT,
    };
    const client = new ScimClient(pool, endpoint.pathname.replace(/\/+$/, ''), readHeaders, {
      ...readHeaders,
      'content-type': 'application/scim+json',
    });

    bare = await startBareProcess(REPO_ROOT);
    barePool = new Pool(bare.baseUrl, {
      connections: opts.concurrency,
      pipelining: 1,
      keepAliveTimeout: 60_000,
    });
    const bareHeaders = { accept: 'application/scim+json', 'user-agent': OKTA_USER_AGENT };
    const bareClient = new ScimClient(barePool, '/scim/bench/bare/v2', bareHeaders, {
      ...bareHeaders,
      'content-type': 'application/scim+json',
    });
    console.log(`Bare ceiling pid ${bare.pid} up at ${bare.baseUrl}\n`);

    // The WAL's peak, not just its size at the end: a checkpoint may have cut it back by then.
    let walPeak = 0;
    const walSampler = setInterval(() => {
      walPeak = Math.max(walPeak, fileSize(`${dbFile}-wal`));
    }, 50).unref();
    const total = Math.max(opts.users, opts.big);
    const userNames = Array.from({ length: total }, (_, i) => userNameOf(i));
    const targets = [
      { label: '', server, client, dir: { userNames, ids: new Array<string | undefined>(total) } },
      {
        label: ' (bare)',
        server: bare,
        client: bareClient,
        dir: { userNames, ids: new Array<string | undefined>(total) },
      },
    ];
    const results: PhaseResult[] = [];
    const ceilings: PhaseResult[] = [];
    const c = opts.concurrency;
    const small = `@${int(opts.users)}`;
    /** Runs one phase on the cloud, then the same phase on the bare ceiling (same seed). */
    const both = async (
      phase: (t: (typeof targets)[number], random: () => number) => Promise<PhaseResult>,
    ) => {
      const seed = prng(opts.seed + results.length)();
      const [cloud, ceiling] = targets;
      results.push(await phase(cloud!, prng(Math.floor(seed * 2 ** 31))));
      ceilings.push(await phase(ceiling!, prng(Math.floor(seed * 2 ** 31))));
    };

    await both((t) =>
      createPhase(t.server, t.client, t.dir, 0, opts.users, c, true, `create${t.label}`),
    );
    if (opts.lookups > 0) {
      await both((t, random) =>
        lookupPhase(
          t.server,
          t.client,
          t.dir,
          opts.users,
          opts.lookups,
          c,
          random,
          `lookup ${small}${t.label}`,
        ),
      );
    }
    if (opts.deactivations > 0) {
      await both((t, random) =>
        deactivatePhase(
          t.server,
          t.client,
          t.dir,
          opts.users,
          opts.deactivations,
          c,
          random,
          `deactivate${t.label}`,
        ),
      );
    }
    if (opts.big > opts.users) {
      const big = `@${int(opts.big)}`;
      await both((t) =>
        createPhase(
          t.server,
          t.client,
          t.dir,
          opts.users,
          opts.big,
          c,
          false,
          `grow to ${int(opts.big)}${t.label}`,
        ),
      );
      if (opts.lookups > 0) {
        await both((t, random) =>
          lookupPhase(
            t.server,
            t.client,
            t.dir,
            opts.big,
            opts.lookups,
            c,
            random,
            `lookup ${big}${t.label}`,
          ),
        );
      }
    }

    const running = dbSizes(dbFile);
    clearInterval(walSampler);
    walPeak = Math.max(walPeak, running.wal);
    const stderrCount = server.stderrCount();
    const stderrTail = server.stderrLines.slice(-10);
    const code = await server.stop();
    const stopped = dbSizes(dbFile);
    await cleanup();
    const profiles = opts.serverCpuProf ? writePhases(opts.serverCpuProf, results) : undefined;

    printSummary(opts, results);
    printCeiling(opts, results, ceilings, Math.round((walPeak / 2 ** 20) * 10) / 10);
    console.log(
      `\nDatabase: ${mib(running.main)} + ${mib(running.wal)} WAL while running; ` +
        `${mib(stopped.main)} + ${mib(stopped.wal)} WAL after the server stopped ` +
        `(${int(total)} users in the bench IdP, plus the SCIM sync log of every request).`,
    );
    console.log(`Server: exit code ${code} after SIGTERM; ${stderrCount} stderr lines.`);
    for (const l of stderrTail) console.log(`  stderr: ${l}`);
    if (profiles) console.log(`\nServer CPU profile in ${profiles}; phase windows in phases.json.`);
  } finally {
    await cleanup();
  }
}

function writePhases(dir: string, results: PhaseResult[]): string {
  const file = join(dir, 'phases.json');
  writeFileSync(
    file,
    JSON.stringify(
      results.map((r) => ({ name: r.name, startUs: r.startUs, endUs: r.endUs })),
      null,
      2,
    ),
  );
  return resolve(dir);
}

function printSummary(opts: Options, results: PhaseResult[]) {
  console.log('\n=== Summary ===\n');
  console.log(
    table(
      ['phase', 'ops', 'seconds', 'ops/s', 'requests/s', 'server CPU', 'harness CPU', 'errors'],
      results.map((r) => [
        r.name + (r.aborted ? ' (stopped early)' : ''),
        `${int(r.ops)}`,
        r.seconds.toFixed(2),
        `${int(r.ops / r.seconds)}`,
        `${int(r.requests / r.seconds)}`,
        pct(r.serverCpu),
        pct(r.harnessCpu),
        int(r.errors.total),
      ]),
    ),
  );
  console.log('');
  console.log(
    table(
      ['phase', 'request', 'count', 'mean', 'p50', 'p90', 'p99', 'max'],
      results.flatMap((r) =>
        r.latencies.map(([kind, s]) => [
          r.name,
          kind,
          int(s.count),
          ms(s.mean),
          ms(s.p50),
          ms(s.p90),
          ms(s.p99),
          ms(s.max),
        ]),
      ),
    ),
  );

  const find = (prefix: string) => results.find((r) => r.name.startsWith(prefix));
  const rate = (r: PhaseResult | undefined) => (r ? r.ops / r.seconds : NaN);
  const p99 = (r: PhaseResult | undefined) => r?.latencies[0]?.[1].p99 ?? NaN;
  const create = find('create');
  const grow = find('grow');
  const lookups = results.filter((r) => r.name.startsWith('lookup'));
  const [lookupSmall, lookupBig] = [lookups[0], lookups[1]];
  const deactivate = find('deactivate');
  const rows: string[][] = [];
  const target = (
    what: string,
    r: PhaseResult | undefined,
    figure: number,
    text: string,
    goal: string,
    met: boolean,
  ) => {
    if (r) rows.push([what, text, goal, Number.isFinite(figure) ? (met ? 'met' : 'MISSED') : '-']);
  };
  const perSec = (n: number) => `${int(n)}/s`;
  target(
    `lookups/s ${lookupSmall?.name.slice(7) ?? ''}`,
    lookupSmall,
    rate(lookupSmall),
    perSec(rate(lookupSmall)),
    `>= ${int(TARGETS.lookupsPerSec)}/s`,
    rate(lookupSmall) >= TARGETS.lookupsPerSec,
  );
  target(
    `lookups/s ${lookupBig?.name.slice(7) ?? ''}`,
    lookupBig,
    rate(lookupBig),
    perSec(rate(lookupBig)),
    `>= ${int(TARGETS.lookupsPerSec)}/s`,
    rate(lookupBig) >= TARGETS.lookupsPerSec,
  );
  target(
    'creates/s (lookup + POST)',
    create,
    rate(create),
    perSec(rate(create)),
    `>= ${int(TARGETS.createsPerSec)}/s`,
    rate(create) >= TARGETS.createsPerSec,
  );
  target(
    'creates/s (grow, POST only)',
    grow,
    rate(grow),
    perSec(rate(grow)),
    `>= ${int(TARGETS.createsPerSec)}/s`,
    rate(grow) >= TARGETS.createsPerSec,
  );
  target(
    'deactivations/s',
    deactivate,
    rate(deactivate),
    perSec(rate(deactivate)),
    `>= ${int(TARGETS.deactivationsPerSec)}/s`,
    rate(deactivate) >= TARGETS.deactivationsPerSec,
  );
  target(
    `lookup p99 ${lookupSmall?.name.slice(7) ?? ''}`,
    lookupSmall,
    p99(lookupSmall),
    ms(p99(lookupSmall)),
    `< ${TARGETS.lookupP99Ms} ms`,
    p99(lookupSmall) < TARGETS.lookupP99Ms,
  );
  target(
    `lookup p99 ${lookupBig?.name.slice(7) ?? ''}`,
    lookupBig,
    p99(lookupBig),
    ms(p99(lookupBig)),
    `< ${TARGETS.lookupP99Ms} ms`,
    p99(lookupBig) < TARGETS.lookupP99Ms,
  );
  if (lookupSmall && lookupBig) {
    const ratio = rate(lookupBig) / rate(lookupSmall);
    target(
      `lookups/s ${lookupBig.name.slice(7)} vs ${lookupSmall.name.slice(7)}`,
      lookupBig,
      ratio,
      `${ratio.toFixed(2)}x`,
      `>= ${TARGETS.bigVsSmall}x (no slower)`,
      ratio >= TARGETS.bigVsSmall,
    );
    const p99Ratio = p99(lookupBig) / p99(lookupSmall);
    target(
      `lookup p99 ${lookupBig.name.slice(7)} vs ${lookupSmall.name.slice(7)}`,
      lookupBig,
      p99Ratio,
      `${p99Ratio.toFixed(2)}x`,
      `<= ${(1 / TARGETS.bigVsSmall).toFixed(2)}x (no slower)`,
      p99Ratio <= 1 / TARGETS.bigVsSmall,
    );
  }
  const errors = results.reduce((n, r) => n + r.errors.total, 0);
  rows.push(['correctness errors', int(errors), 'none', errors === 0 ? 'met' : 'MISSED']);
  console.log('');
  console.log(table(['target', 'figure', 'goal', ''], rows));
  if (opts.concurrency !== 8)
    console.log(`(targets assume 8 in flight; this run had ${opts.concurrency})`);
}

/** Set on Ctrl+C: the run is being torn down, so what fails next is not worth reporting. */
let interrupted = false;

main().catch((e: unknown) => {
  if (interrupted) return;
  console.error(
    `\nThe benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
  );
  process.exitCode = 1;
});
