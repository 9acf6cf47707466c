/**
 * `tsx test/bench/scim/ab.ts --a <repo> --b <repo> [--users 5000] [--big 0] [--rounds 4]
 * [--seconds 3] [--only creates,lookups,patches]`: two builds of the cloud side by side, for a change's
 * before and after (e.g. `--a` a worktree of main, `--b` yours). Each runs its own cloud CLI on its
 * own SQLite file; both are seeded alike, then each round runs Okta creates (GET + POST) and
 * `userName eq` lookups (and with `patches`, PATCH `active=false` of the seeded users in a seeded
 * random order) on one and then the other, alternating which goes first, so the load of a
 * shared machine falls on both. With --big the two then grow to that many users and compare
 * lookups again. Prints per round and as medians the rate and the server's CPU per operation
 * (the whole process, and its main thread alone, which is what bounds the rate), and the load
 * average. Decide by the CPU figures: on a busy machine the rates say little.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { mainThreadCpuUs } from '../thread-cpu.js';
import { OKTA_USER_AGENT } from './okta-directory.js';
import {
  createPhase,
  deactivatePhase,
  emptyDirectory,
  lookupPhase,
  shuffled,
  type Target,
} from './okta-phases.js';
import { forOps, forSeconds, type PhaseResult } from './phase.js';
import { ScimClient, adminCall } from './scim-client.js';
import { startCloudProcess, type CloudProcess } from './server.js';
import { int, median, prng, table } from './stats.js';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    users: { type: 'string', default: '5000' },
    big: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '3' },
    only: { type: 'string', default: 'creates,lookups' },
  },
});
if (!values.a || !values.b) throw new Error('Usage: ab.ts --a <repo> --b <repo> [options]');
const USERS = Number(values.users);
const BIG = Number(values.big);
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const ONLY = values.only.split(',');
const IN_FLIGHT = 8;

interface Side {
  label: string;
  server: CloudProcess;
  pool: Pool;
  target: Target;
}

/** User + system CPU seconds of the process's main thread (its first task), from /proc. */
const mainThreadCpu = (pid: number) => (mainThreadCpuUs(pid) ?? NaN) / 1e6;

async function startSide(label: string, repo: string, dir: string): Promise<Side> {
  const adminToken = randomBytes(24).toString('base64url');
  const server = await startCloudProcess({
    repoRoot: resolve(repo),
    dbFile: join(dir, `${label}.db`),
    adminToken,
  });
  const origin = new URL(server.baseUrl).origin;
  const pool = new Pool(origin, { connections: IN_FLIGHT, pipelining: 1 });
  const admin = { authorization: `Bearer ${adminToken}`, accept: 'application/json' };
  const idp = (await adminCall(pool, admin, 'POST', '/api/admin/idps', 201, {
    name: `A/B ${label}`,
    protocol: 'saml',
    vendor: 'okta',
  })) as { id: string; scimEndpoint: string };
  await adminCall(pool, admin, 'PATCH', `/api/admin/idps/${idp.id}`, 200, {
    scimSyncEnabled: true,
  });
  const path = `/api/admin/idps/${idp.id}/scim-token`;
  const { token } = (await adminCall(pool, admin, 'POST', path, 201, {})) as { token: string };
  const read = {
    authorization: `Bearer ${token}`,
    accept: 'application/scim+json',
    'user-agent': OKTA_USER_AGENT,
  };
  const prefix = new URL(idp.scimEndpoint).pathname.replace(/\/+$/, '');
  const client = new ScimClient(pool, prefix, read, {
    ...read,
    'content-type': 'application/scim+json',
  });
  console.log(`${label}: ${repo}, pid ${server.pid}`);
  return { label, server, pool, target: { server, client, dir: emptyDirectory() } };
}

interface Figure {
  rate: number;
  cpuUs: number;
  mainUs: number;
  errors: number;
}

async function timed(side: Side, run: () => Promise<PhaseResult>): Promise<Figure> {
  const main0 = mainThreadCpu(side.server.pid);
  const r = await run();
  const mainSeconds = mainThreadCpu(side.server.pid) - main0;
  return {
    rate: r.ops / r.seconds,
    cpuUs: ((r.serverCpu / 100) * r.seconds * 1e6) / r.ops,
    mainUs: (mainSeconds * 1e6) / r.ops,
    errors: r.errors.total,
  };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Rounds of one measure, the two sides alternating which goes first; prints and returns. */
async function compare(name: string, sides: Side[], run: (s: Side) => Promise<PhaseResult>) {
  const figures = new Map<string, Figure[]>(sides.map((s) => [s.label, []]));
  console.log(`\n${name} (load average ${load()})`);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const f = await timed(side, () => run(side));
      figures.get(side.label)!.push(f);
      console.log(
        `  round ${r + 1} ${side.label}: ${int(f.rate)}/s, ${f.cpuUs.toFixed(0)} µs CPU/op, ` +
          `main thread ${f.mainUs.toFixed(0)} µs/op${f.errors ? `, ${f.errors} errors` : ''}`,
      );
    }
  }
  const rows = sides.map((s) => {
    const fs = figures.get(s.label)!;
    const range = (pick: (f: Figure) => number) => {
      const v = fs.map(pick).sort((x, y) => x - y);
      return `${median(v).toFixed(1)} (${v[0]!.toFixed(0)}–${v.at(-1)!.toFixed(0)})`;
    };
    return [
      s.label,
      int(median(fs.map((f) => f.rate))),
      range((f) => f.cpuUs),
      range((f) => f.mainUs),
    ];
  });
  console.log(table(['side', 'rate/s', 'CPU µs/op (rounds)', 'main thread µs/op (rounds)'], rows));
  console.log(`  load average after: ${load()}`);
}

async function grow(side: Side, to: number) {
  const n = to - side.target.dir.size;
  if (n > 0)
    await createPhase(side.target, forOps(n), IN_FLIGHT, false, `grow ${side.label}`, true);
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'scim-ab-'));
  const sides: Side[] = [];
  try {
    sides.push(await startSide('A', values.a!, tmp), await startSide('B', values.b!, tmp));
    const lookups = (size: number) => (s: Side) => {
      const random = prng(size + s.target.dir.size);
      return lookupPhase(s.target, size, forSeconds(SECONDS), IN_FLIGHT, random, 'lookup', true);
    };
    for (const s of sides) await grow(s, USERS);
    // Untimed: the JIT warms on both paths before the first round counts.
    for (const s of sides) {
      await createPhase(s.target, forSeconds(1), IN_FLIGHT, true, 'warm-up', true);
      await lookups(USERS)(s);
    }
    if (ONLY.includes('creates')) {
      await compare(`Okta creates (GET + POST) from ${int(USERS)}`, sides, (s) =>
        createPhase(s.target, forSeconds(SECONDS), IN_FLIGHT, true, 'create', true),
      );
    }
    if (ONLY.includes('lookups')) await compare(`lookups @${int(USERS)}`, sides, lookups(USERS));
    if (ONLY.includes('patches')) {
      // Both sides deactivate the same users in the same order; past the end they start over.
      const order = shuffled(USERS, prng(USERS));
      await compare(`PATCH active=false @${int(USERS)}`, sides, (s) =>
        deactivatePhase(s.target, order, forSeconds(SECONDS), IN_FLIGHT, 'deactivate', true),
      );
    }
    if (BIG > 0) {
      for (const s of sides) await grow(s, BIG);
      await compare(`lookups @${int(BIG)}`, sides, lookups(BIG));
    }
  } finally {
    for (const s of sides) {
      await s.pool.destroy().catch(() => {});
      await s.server.stop();
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
