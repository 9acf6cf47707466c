/**
 * `tsx test/bench/scim/service-micro.ts [--users 3000] [--ops 20000] [--rounds 5] [--only patch]
 * [--in-flight 8] [--against <repo>] [--cpu-prof <file>]`: CPU per operation of the SCIM service alone (no HTTP), in-process on a
 * temporary SQLite file, 8 operations in flight as the benchmark drives them (over HTTP a group
 * commit holds fewer: `--in-flight 2` is closer to what the creates share there): PATCH
 * active=false (group commit, applyPatch, UPDATE, the broker's event, the representation),
 * Okta's create, a `userName eq` lookup, and the lookup that finds nothing (Okta's before a
 * create).
 * Process CPU time, not wall time: on a shared machine it moves far less with the neighbours'
 * load. Prints the median of the rounds; never fails on a timing. With --against, another
 * checkout's service (a worktree of main, say) runs in this same process, each round measured on
 * it and then on this one: the load of a busy machine then falls on both alike, and the median of
 * the per-round ratios says what a change saved. With --cpu-prof, the main thread's V8 profile of
 * the measured rounds alone (not the seeding; the checkpointer's thread is not profiled) goes to
 * that file, for `profile-summary.ts <file> --parts`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startCloud } from '../../../electron/cloud/cloud.js';
import type { EntityNote, ScimTarget } from '../../../electron/cloud/scim/request.js';
import { mainThreadCpuUs } from '../thread-cpu.js';
import { DEACTIVATE_BODY, createBodyOf, userNameOf } from './okta-directory.js';
import { shuffled } from './okta-phases.js';
import { int, median, prng } from './stats.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '3000' },
    ops: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    /** Only the measures whose name starts with this (case-insensitive; a comma list), e.g. "patch". */
    only: { type: 'string', default: '' },
    'in-flight': { type: 'string', default: '8' },
    against: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const USERS = Number(values.users);
const OPS = Number(values.ops);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = Number(values['in-flight']);

/**
 * CPU µs per operation of `op(k)` run `n` times, IN_FLIGHT at a time: of the whole process
 * (the checkpointer's thread included) and of the main thread alone.
 */
async function cpuPerOp(
  n: number,
  op: (k: number) => Promise<unknown>,
): Promise<{ all: number; main: number }> {
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < n; k = next++) await op(k);
  };
  const t0 = process.cpuUsage();
  const main0 = mainThreadCpuUs() ?? NaN;
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const t = process.cpuUsage(t0);
  return { all: (t.user + t.system) / n, main: ((mainThreadCpuUs() ?? NaN) - main0) / n };
}

type Cpu = { all: number; main: number };
type Cloud = Awaited<ReturnType<typeof startCloud>>;

/** One cloud's measures, by name, on `USERS` seeded users. */
async function measuresOf(cloud: Cloud): Promise<[string, () => Promise<Cpu>][]> {
  const idp = cloud.idps.create({ name: 'micro', protocol: 'saml', vendor: 'okta' });
  const target: ScimTarget = { idpId: idp.id, baseUrl: `${cloud.baseUrl}/scim/t/${idp.id}/v2` };
  const scim = cloud.context.scim;
  const note = (): EntityNote => ({});
  let created = 0;
  const create = async () => {
    const i = created++;
    return scim.create('User', target, JSON.parse(createBodyOf(i, userNameOf(i))), note());
  };
  const ids: string[] = [];
  for (let i = 0; i < USERS; i++) ids.push((await create()).resource.id);
  const patchBody = JSON.parse(DEACTIVATE_BODY) as unknown;
  // In a seeded random order, as the benchmark sends them: in creation order each PATCH would
  // find its row's pages where the previous one left them, and SQLite's page cache would hide
  // what reading a user costs once the database outgrows it.
  const order = shuffled(ids.length, prng(2));
  let patched = 0;
  return [
    [
      'PATCH active=false',
      () =>
        cpuPerOp(OPS, () =>
          scim.patch('User', target, ids[order[patched++ % ids.length]!]!, patchBody, {}, note()),
        ),
    ],
    ['create (POST)', () => cpuPerOp(Math.ceil(OPS / 4), create)],
    [
      'userName eq lookup',
      () =>
        cpuPerOp(OPS, async (k) =>
          scim.list('User', target, { filter: `userName eq "${userNameOf(k % USERS)}"` }),
        ),
    ],
    [
      'empty lookup (no such user)',
      () =>
        cpuPerOp(OPS, async (k) =>
          scim.list('User', target, { filter: `userName eq "nobody.${k}@bench.example.com"` }),
        ),
    ],
  ];
}

/** Profiles the main thread until the returned function writes the profile to `file`. */
function startProfile(file: string): () => Promise<void> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((done, fail) =>
      session.post(method, params, (e, r) => (e ? fail(e) : done(r))),
    );
  const started = post('Profiler.enable')
    .then(() => post('Profiler.setSamplingInterval', { interval: 250 }))
    .then(() => post('Profiler.start'));
  return async () => {
    await started;
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

const range = (us: number[], digits = 1) => {
  const sorted = [...us].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(digits);
  return `${f(median(us))} (rounds ${f(sorted[0]!)}–${f(sorted.at(-1)!)})`;
};

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'scim-micro-'));
  const starts: [string, typeof startCloud][] = [['this', startCloud]];
  if (values.against) {
    const url = pathToFileURL(resolve(values.against, 'electron/cloud/cloud.ts')).href;
    const other = (await import(url)) as { startCloud: typeof startCloud };
    starts.unshift(['against', other.startCloud]);
  }
  const clouds: Cloud[] = [];
  try {
    const only = values.only.toLowerCase().split(',');
    const sides: { label: string; chosen: [string, () => Promise<Cpu>][] }[] = [];
    for (const [label, start] of starts) {
      const cloud = await start({ db: join(dir, `${label}.db`), seed: false });
      clouds.push(cloud);
      const measures = await measuresOf(cloud);
      const chosen = measures.filter(([n]) => only.some((o) => n.toLowerCase().startsWith(o)));
      sides.push({ label, chosen });
    }
    const figures = new Map<string, Cpu[]>();
    const stopProfile = values['cpu-prof'] ? startProfile(values['cpu-prof']) : undefined;
    for (let r = 0; r < ROUNDS; r++) {
      // Alternating which side goes first, so neither always runs after the other's writes.
      for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
        for (const [name, run] of side.chosen) {
          const key = `${name}\t${side.label}`;
          figures.set(key, [...(figures.get(key) ?? []), await run()]);
        }
      }
    }
    await stopProfile?.();
    console.log(
      `SCIM service alone, ${int(USERS)}+ users, ${IN_FLIGHT} in flight, ${ROUNDS} rounds:`,
    );
    for (const [key, fs] of figures) {
      const [name, label] = key.split('\t');
      console.log(
        `  ${name!.padEnd(28)} ${sides.length > 1 ? `${label!.padEnd(8)} ` : ''}` +
          `${range(fs.map((f) => f.all))} µs CPU/op, main thread ${range(fs.map((f) => f.main))}`,
      );
      const against = label === 'this' && figures.get(`${name}\tagainst`);
      if (against) {
        const ratios = fs.map((f, r) => f.all / against[r]!.all);
        console.log(`  ${''.padEnd(28)} this ÷ against, per round: median ${range(ratios, 3)}`);
      }
    }
  } catch (e) {
    console.error(e);
    throw e;
  } finally {
    for (const c of clouds) await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
