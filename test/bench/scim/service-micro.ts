/**
 * `tsx test/bench/scim/service-micro.ts [--users 3000] [--ops 20000] [--rounds 5] [--only patch]
 * [--in-flight 8]`: CPU per operation of the SCIM service alone (no HTTP), in-process on a
 * temporary SQLite file, 8 operations in flight as the benchmark drives them (over HTTP a group
 * commit holds fewer: `--in-flight 2` is closer to what the creates share there): PATCH
 * active=false (group commit, applyPatch, UPDATE, the broker's event, the representation),
 * Okta's create, a `userName eq` lookup, and the lookup that finds nothing (Okta's before a
 * create).
 * Process CPU time, not wall time: on a shared machine it moves far less with the neighbours'
 * load. Prints the median of the rounds; never fails on a timing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCloud } from '../../../electron/cloud/cloud.js';
import type { EntityNote, ScimTarget } from '../../../electron/cloud/scim/request.js';
import { DEACTIVATE_BODY, createBodyOf, userNameOf } from './okta-directory.js';
import { int, median } from './stats.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '3000' },
    ops: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    /** Only the measures whose name starts with this (case-insensitive), e.g. "patch". */
    only: { type: 'string', default: '' },
    'in-flight': { type: 'string', default: '8' },
  },
});
const USERS = Number(values.users);
const OPS = Number(values.ops);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = Number(values['in-flight']);

/** User + system CPU µs of this process's main thread so far (Linux /proc), or NaN elsewhere. */
function mainThreadCpuUs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 1e4; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

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
  const main0 = mainThreadCpuUs();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const t = process.cpuUsage(t0);
  return { all: (t.user + t.system) / n, main: (mainThreadCpuUs() - main0) / n };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'scim-micro-'));
  const cloud = await startCloud({ db: join(dir, 'cloud.db'), seed: false });
  try {
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
    let patched = 0;
    const measures: [string, () => Promise<{ all: number; main: number }>][] = [
      [
        'PATCH active=false',
        () =>
          cpuPerOp(OPS, () =>
            scim.patch('User', target, ids[patched++ % ids.length]!, patchBody, {}, note()),
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
        'lookup, no user',
        () =>
          cpuPerOp(OPS, async (k) =>
            scim.list('User', target, { filter: `userName eq "nobody.${k}@bench.example.com"` }),
          ),
      ],
    ];
    const figures = new Map<string, { all: number; main: number }[]>();
    const only = values.only.toLowerCase();
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, run] of measures.filter(([n]) => n.toLowerCase().startsWith(only)))
        figures.set(name, [...(figures.get(name) ?? []), await run()]);
    }
    console.log(
      `SCIM service alone, ${int(USERS)}+ users, ${IN_FLIGHT} in flight, ${ROUNDS} rounds:`,
    );
    const range = (us: number[]) => {
      const sorted = [...us].sort((a, b) => a - b);
      return `${median(us).toFixed(1)} (rounds ${sorted[0]!.toFixed(1)}–${sorted.at(-1)!.toFixed(1)})`;
    };
    for (const [name, fs] of figures) {
      console.log(
        `  ${name.padEnd(20)} ${range(fs.map((f) => f.all))} µs CPU/op, ` +
          `main thread ${range(fs.map((f) => f.main))}`,
      );
    }
  } finally {
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
