/**
 * `tsx test/bench/scim/service-micro.ts [--users 3000] [--ops 20000] [--rounds 5] [--only patch]`: CPU per
 * operation of the SCIM service alone (no HTTP), in-process on a temporary SQLite file, 8
 * operations in flight as the benchmark drives them: PATCH active=false (group commit, applyPatch,
 * UPDATE, the broker's event, the representation) of the users in a seeded random order, Okta's
 * create and a `userName eq` lookup.
 * Process CPU time, not wall time: on a shared machine it moves far less with the neighbours'
 * load. Prints the median of the rounds; never fails on a timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCloud } from '../../../electron/cloud/cloud.js';
import type { EntityNote, ScimTarget } from '../../../electron/cloud/scim/request.js';
import { DEACTIVATE_BODY, createBodyOf, userNameOf } from './okta-directory.js';
import { shuffled } from './okta-phases.js';
import { int, median, prng } from './stats.js';
import { mainThreadCpuUs } from '../thread-cpu.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '3000' },
    ops: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    /** Only the measures whose name starts with this (case-insensitive), e.g. "patch". */
    only: { type: 'string', default: '' },
  },
});
const USERS = Number(values.users);
const OPS = Number(values.ops);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = 8;

/** CPU µs per operation of `op(k)` run `n` times, IN_FLIGHT at a time: all threads, main thread. */
async function cpuPerOp(n: number, op: (k: number) => Promise<unknown>): Promise<[number, number]> {
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < n; k = next++) await op(k);
  };
  const t0 = process.cpuUsage();
  const main0 = mainThreadCpuUs() ?? NaN;
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const t = process.cpuUsage(t0);
  return [(t.user + t.system) / n, ((mainThreadCpuUs() ?? NaN) - main0) / n];
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
    // In a seeded random order, as the benchmark sends them: in creation order each PATCH would
    // find its row's pages where the previous one left them, and SQLite's page cache would hide
    // what reading a user costs once the database outgrows it.
    const order = shuffled(ids.length, prng(2));
    let patched = 0;
    const measures: [string, () => Promise<[number, number]>][] = [
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
    ];
    const figures = new Map<string, [number, number][]>();
    const only = values.only.toLowerCase();
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, run] of measures.filter(([n]) => n.toLowerCase().startsWith(only)))
        figures.set(name, [...(figures.get(name) ?? []), await run()]);
    }
    console.log(
      `SCIM service alone, ${int(USERS)}+ users, ${IN_FLIGHT} in flight, ${ROUNDS} rounds:`,
    );
    const spread = (us: number[]) => {
      const sorted = [...us].sort((a, b) => a - b);
      return `${median(us).toFixed(1)} µs CPU/op (rounds ${sorted[0]!.toFixed(1)}–${sorted.at(-1)!.toFixed(1)})`;
    };
    for (const [name, rounds] of figures) {
      // The main thread's figure leaves out the checkpointer's thread, whose share moves with
      // the WAL's size and the neighbours' disk traffic: steadier for comparing service code.
      console.log(
        `  ${name.padEnd(20)} ${spread(rounds.map((r) => r[0]))}; main thread ${spread(rounds.map((r) => r[1]))}`,
      );
    }
  } finally {
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
