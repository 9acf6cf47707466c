/**
 * Okta push benchmark: `npm run bench:push -- [--users 1000] [--concurrency 8] [--db <file>]
 * [--rate-limit] [--phases <dir>]`.
 *
 * Starts the cloud on 127.0.0.1 (in memory unless --db), creates an Okta IdP with SCIM Sync on,
 * enables its provisioning with the cloud's own SCIM endpoint and token, creates N directory
 * users in one group, then times what an admin does next: assign the group to the application.
 * Okta pushes every member (GET ?filter=userName eq, then POST) over real HTTP. A second figure
 * times Push Groups of that group (POST /Groups, then PATCH adding the N members). While the push
 * runs it prints a live progress line read from GET /api/admin/idps/{id}/provisioning/progress
 * (what the console's progress bar shows). Prints figures; never fails on a timing.
 *
 * With `--phases <dir>` it writes <dir>/phases.json (the push's and Push Groups' windows) for
 * `node --cpu-prof --cpu-prof-dir <dir>` runs: `tsx test/bench/scim/profile-summary.ts <dir>
 * --phase push` then lists the main thread's time during the push alone.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startCloud } from '../../../electron/cloud/cloud.js';
import { DEFAULT_PUSH_CONCURRENCY } from '../../../electron/cloud/idp/provisioning/options.js';
import type { ProvisioningProgress } from '../../../electron/cloud/idp/provisioning/push-progress.js';
import { hashPassword } from '../../../electron/cloud/security/passwords.js';
import { recordFigures } from '../results.js';
import { mainThreadCpuUs } from '../thread-cpu.js';
import { rowFigure } from '../rows.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: String(DEFAULT_PUSH_CONCURRENCY) },
    db: { type: 'string', default: ':memory:' },
    'rate-limit': { type: 'boolean', default: false },
    phases: { type: 'string' },
  },
});
const USERS = Number(values.users);
const CONCURRENCY = Number(values.concurrency);
if (!Number.isInteger(USERS) || USERS < 1 || !Number.isInteger(CONCURRENCY) || CONCURRENCY < 1) {
  console.error('--users and --concurrency must be positive integers');
  process.exit(2);
}

const cloud = await startCloud({ port: 0, db: values.db, seed: false });
const ctx = cloud.context;

const idp = cloud.idps.create({
  name: 'Bench Okta',
  protocol: 'saml',
  vendor: 'okta',
  scimSyncEnabled: true,
  scimRateLimitEnabled: values['rate-limit'],
});
const scimToken = cloud.idps.generateScimToken(idp.id);

const dir = ctx.directory;
const prov = ctx.provisioning;
const passwordHash = hashPassword('Bench-Passw0rd!');
const group = dir.createGroup(idp.id, { name: 'ZPA Users' });
const ids: string[] = [];
for (let i = 0; i < USERS; i++) {
  const n = String(i).padStart(5, '0');
  ids.push(
    dir.createUser(idp.id, {
      userName: `user${n}@bench.example`,
      givenName: `User${n}`,
      familyName: 'Bench',
      department: i % 2 ? 'Sales' : 'Engineering',
      passwordHash,
    }).id,
  );
}
dir.addMembers(idp.id, group.id, ids);
prov.configure(idp.id, {
  enabled: true,
  baseUrl: cloud.idps.get(idp.id).scimEndpoint,
  token: scimToken,
  vendorOptions: { concurrency: CONCURRENCY },
});

/** Generous: on a busy shared machine a 100,000-user push has taken over 10 minutes. */
const TIMEOUT_MS = Math.max(600_000, USERS * 30);
async function until(done: () => boolean, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
// Counted from events, as they come: reading the full status while pushing, or counting a map of
// 100,000 states every few milliseconds, would slow the cloud's thread down.
const settled = new Map<string, string>();
const inState = new Map<string, number>();
ctx.events.on('provisioning.objectChanged', (c) => {
  if (c.idpId !== idp.id || c.objectType !== 'user') return;
  const before = settled.get(c.objectId);
  if (before !== undefined) inState.set(before, inState.get(before)! - 1);
  settled.set(c.objectId, c.state);
  inState.set(c.state, (inState.get(c.state) ?? 0) + 1);
});
const done = (state: string) => inState.get(state) ?? 0;

/** One line, rewritten in place on a terminal: done of total, failures, rate. */
function progressLine(p: ProvisioningProgress) {
  const pct = p.total ? Math.floor((p.done / p.total) * 100) : 0;
  const line = `  pushing: ${p.done}/${p.total} (${pct} %), ${p.failed} failed, ${Math.round(p.perSecond)} objects/s`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}\x1b[K`);
  else console.log(line);
}
const progressUrl = `${cloud.baseUrl}/api/admin/idps/${idp.id}/provisioning/progress`;
async function readProgress(): Promise<ProvisioningProgress> {
  const res = await fetch(progressUrl, {
    headers: { authorization: `Bearer ${cloud.adminToken}` },
  });
  return (await res.json()) as ProvisioningProgress;
}
/** Live readings taken while the push ran (neither 0 nor all done): the progress figure works. */
let liveReadings = 0;
const ticker = setInterval(
  () =>
    void readProgress().then(
      (p) => {
        if (p.done > 0 && p.done < p.total) liveReadings++;
        progressLine(p);
      },
      () => {},
    ),
  1000,
);

/**
 * CPU time of this process's main thread (the SCIM server, the store, the engine's bookkeeping),
 * in ms; null off Linux. The push worker's and Node's helper threads make up the rest.
 */
function mainThreadCpuMs(): number | null {
  const us = mainThreadCpuUs();
  return us === null ? null : us / 1000;
}

/** Same clock as a CPU profile's timestamps (CLOCK_MONOTONIC on Linux), in µs. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

// 1. Assign the group: Okta pushes each member.
const pushStartUs = monotonicUs();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const mainCpu0 = mainThreadCpuMs();
dir.assignGroup(idp.id, group.id, true);
// Throttled (429) pushes are retried after Retry-After: wait until every user is provisioned,
// or, without a rate limit, has settled either way.
await until(() =>
  values['rate-limit']
    ? done('provisioned') === USERS
    : done('provisioned') + done('failed') === USERS,
);
const usersMs = performance.now() - t0;
const pushEndUs = monotonicUs();
const cpu = process.cpuUsage(cpu0);
const mainCpu1 = mainThreadCpuMs();
/** The main thread's share: what bounds the rate when the push client runs in the worker. */
const mainCpuMsPerUser =
  mainCpu0 === null || mainCpu1 === null ? null : (mainCpu1 - mainCpu0) / USERS;
/** CPU per user (client, engine and SCIM server together): steadier than the rate on a busy machine. */
const cpuMsPerUser = (cpu.user + cpu.system) / 1000 / USERS;
clearInterval(ticker);
progressLine(await readProgress());
if (process.stdout.isTTY) process.stdout.write('\n');
const afterUsers = prov.status(idp.id).counts.users;
// The users' figures as soon as they are known: Push Groups of a big group takes minutes more.
console.log(
  `  users pushed in ${usersMs.toFixed(0)} ms; main thread ${mainCpuMsPerUser?.toFixed(3) ?? '?'} ms CPU per user; Push Groups next`,
);

// 2. Push the group: POST /Groups, then PATCH with the members.
const t1 = performance.now();
dir.setGroupPushed(idp.id, group.id, true);
await until(() => {
  const g = prov.objectStatus(idp.id, 'group', group.id);
  return (g.state === 'provisioned' && g.members === USERS) || g.state === 'failed';
});
const groupMs = performance.now() - t1;
if (values.phases) {
  writeFileSync(
    join(values.phases, 'phases.json'),
    JSON.stringify([
      { name: 'push', startUs: pushStartUs, endUs: pushEndUs },
      { name: 'push-groups', startUs: pushEndUs, endUs: monotonicUs() },
    ]),
  );
}

const inCloud = ctx.store.scim.count('User', idp.id);
const log = prov.log(idp.id, { limit: 100_000, offset: 0, kind: 'request' });
const durations = log.entries
  .filter((e) => e.operation === 'create' || e.operation === 'match')
  .map((e) => e.durationMs ?? 0)
  .sort((a, b) => a - b);
const pct = (q: number) =>
  durations[Math.min(durations.length - 1, Math.ceil(q * durations.length) - 1)] ?? NaN;
const statuses = new Map<number, number>();
for (const e of log.entries) statuses.set(e.status ?? 0, (statuses.get(e.status ?? 0) ?? 0) + 1);

console.log("Okta push benchmark (the cloud's own provisioning engine)");
console.log(
  `  users                      ${USERS}, concurrency ${CONCURRENCY}, db ${values.db}, rate limit ${values['rate-limit'] ? 'on (50/s)' : 'off'}`,
);
console.log(
  `  assign group -> all pushed ${usersMs.toFixed(0)} ms  (${((USERS / usersMs) * 1000).toFixed(0)} users/s)`,
);
console.log(
  `  CPU per user               ${cpuMsPerUser.toFixed(3)} ms (all threads: client, engine and server)`,
);
if (mainCpuMsPerUser !== null) {
  console.log(
    `  main thread CPU per user   ${mainCpuMsPerUser.toFixed(3)} ms (SCIM server, store, engine bookkeeping)`,
  );
}
console.log(`  push group (${USERS} members)  ${groupMs.toFixed(0)} ms`);
console.log(
  `  states                     provisioned ${afterUsers.provisioned}, failed ${afterUsers.failed}`,
);
console.log(`  SCIM users in the cloud    ${inCloud}`);
console.log(
  `  requests                   ${log.total} (${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')})`,
);
console.log(
  `  GET/POST latency           p50 ${pct(0.5).toFixed(2)} ms, p99 ${pct(0.99).toFixed(2)} ms`,
);

console.log(`  live progress readings     ${liveReadings}`);
const where = cloud.provisioning.userPushes();
console.log(
  `  users pushed               ${where.inWorker} in the push worker, ${where.inThread} in the engine's thread`,
);

/** The issue's goal is stated for 100,000 users: a smaller run is projected at its rate. */
const GOAL_USERS = 100_000;
const perSecond = (USERS / usersMs) * 1000;
const count = (n: number) => n.toLocaleString('en-US');
recordFigures({
  benchmark: 'okta-push',
  parameters: { users: USERS, concurrency: CONCURRENCY },
  figures: [
    rowFigure('oktaPush', {
      value: Math.round((USERS >= GOAL_USERS ? usersMs / 1000 : GOAL_USERS / perSecond) * 10) / 10,
      unit: 's',
      note:
        (USERS >= GOAL_USERS
          ? `${count(USERS)} users pushed`
          : `projected from ${count(USERS)} users pushed`) +
        ` at ${count(Math.round(perSecond))} users/s, ${CONCURRENCY} in flight; ${cpuMsPerUser.toFixed(2)} ms CPU per user${mainCpuMsPerUser === null ? '' : ` (${mainCpuMsPerUser.toFixed(2)} ms on the main thread)`}; live progress read ${liveReadings} times`,
    }),
    {
      measure: `Okta Push Groups, 1 group of ${count(USERS)} members`,
      value: Math.round(groupMs),
      unit: 'ms',
    },
  ],
});

await cloud.close();
