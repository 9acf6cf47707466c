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
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { printCeiling } from './ceiling.js';
import { OKTA_USER_AGENT } from './okta-directory.js';
import { measure } from './measures.js';
import { emptyDirectory } from './okta-phases.js';
import { readOptions } from './options.js';
import { ScimClient, adminCall } from './scim-client.js';
import { isCloudPhase } from './rounds.js';
import {
  startBareProcess,
  startCloudProcess,
  startReferenceProcess,
  type CloudProcess,
} from './server.js';
import { REFERENCE_PREFIX } from './sqlite-reference.js';
import { int, mib } from './stats.js';
import { printSummary, writePhases } from './summary.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Sampling every 100 µs: a 1.5 s phase still gets ~15,000 samples. */
function profileFlags(dir: string | undefined): string[] {
  return dir ? ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', resolve(dir)] : [];
}

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
  let reference: CloudProcess | undefined;
  let referencePool: Pool | undefined;
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
    const rp = referencePool;
    referencePool = undefined;
    await rp?.destroy().catch(() => {});
    const r = reference;
    reference = undefined;
    await r?.stop();
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
        `${opts.rounds} rounds of ${opts.seconds} s per measure and side, seed ${opts.seed}`,
    );
    console.log(
      `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), database ${dbFile}`,
    );

    const t0 = performance.now();
    server = await startCloudProcess({
      repoRoot: REPO_ROOT,
      dbFile,
      adminToken,
      nodeFlags: profileFlags(opts.serverCpuProf),
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

    let referenceSide;
    if (opts.reference) {
      // Its own file beside the cloud's, with the cloud's settings; the same headers as the cloud's.
      const referenceToken = randomBytes(24).toString('base64url');
      reference = await startReferenceProcess(
        REPO_ROOT,
        join(tmp, 'reference.db'),
        referenceToken,
        profileFlags(opts.serverCpuProf && join(opts.serverCpuProf, 'reference')),
      );
      referencePool = new Pool(reference.baseUrl, {
        connections: opts.concurrency,
        pipelining: 1,
        keepAliveTimeout: 60_000,
      });
      const headers = { ...readHeaders, authorization: `Bearer ${referenceToken}` };
      const referenceClient = new ScimClient(referencePool, REFERENCE_PREFIX, headers, {
        ...headers,
        'content-type': 'application/scim+json',
      });
      referenceSide = { server: reference, client: referenceClient, dir: emptyDirectory() };
      console.log(`bare+SQLite reference pid ${reference.pid} up at ${reference.baseUrl}\n`);
    }

    // The WAL's peak, not just its size at the end: a checkpoint may have cut it back by then.
    let walPeak = 0;
    const walSampler = setInterval(() => {
      walPeak = Math.max(walPeak, fileSize(`${dbFile}-wal`));
    }, 50).unref();
    const sides = {
      cloud: { server, client, dir: emptyDirectory() },
      bare: { server: bare, client: bareClient, dir: emptyDirectory() },
      ...(referenceSide && { sqlite: referenceSide }),
    };
    const { comparisons, passes } = await measure(opts, sides);

    const running = dbSizes(dbFile);
    clearInterval(walSampler);
    walPeak = Math.max(walPeak, running.wal);
    const stderrCount = server.stderrCount();
    const stderrTail = server.stderrLines.slice(-10);
    const code = await server.stop();
    const stopped = dbSizes(dbFile);
    await cleanup();
    // The cloud's windows only (its timed rounds and passes), for profile-summary.ts --phase.
    const cloudPhases = [...passes, ...comparisons.flatMap((c) => c.cloud)].filter((r) =>
      isCloudPhase(r.name),
    );
    const profiles = opts.serverCpuProf ? writePhases(opts.serverCpuProf, cloudPhases) : undefined;
    // The reference's, in its own folder: profile-summary.ts <dir>/reference --phase deactivate.
    if (opts.serverCpuProf && opts.reference) {
      const referencePhases = comparisons.flatMap((c) => c.sqlite);
      mkdirSync(join(opts.serverCpuProf, 'reference'), { recursive: true });
      writePhases(join(opts.serverCpuProf, 'reference'), referencePhases);
    }

    printSummary(opts, comparisons, passes);
    const { serverCpuProf: _profile, ...parameters } = opts;
    printCeiling(parameters, comparisons, Math.round((walPeak / 2 ** 20) * 10) / 10);
    if (opts.reference) {
      const referencePhases = [
        ...passes,
        ...comparisons.flatMap((c) => [...c.sqlite, ...c.warmups]),
      ].filter((r) => r.name.endsWith('(sqlite)'));
      const seconds = referencePhases.reduce((sum, r) => sum + r.seconds, 0);
      console.log(`The bare+SQLite reference's phases took ${seconds.toFixed(0)} s of this run.`);
    }
    console.log(
      `\nDatabase: ${mib(running.main)} + ${mib(running.wal)} WAL while running; ` +
        `${mib(stopped.main)} + ${mib(stopped.wal)} WAL after the server stopped ` +
        `(${int(sides.cloud.dir.size)} users in the bench IdP, plus the SCIM sync log of every request).`,
    );
    console.log(`Server: exit code ${code} after SIGTERM; ${stderrCount} stderr lines.`);
    for (const l of stderrTail) console.log(`  stderr: ${l}`);
    if (profiles) console.log(`\nServer CPU profile in ${profiles}; phase windows in phases.json.`);
  } finally {
    await cleanup();
  }
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
