/**
 * `tsx test/bench/scim/reference-micro.ts [--users 5000] [--ops 20000] [--rounds 3]
 * [--in-flight 8]`: the SCIM
 * references' routes called in-process, without HTTP, in CPU time per operation (the whole
 * process's, so the checkpointer's thread counts): the bare ceiling's map, then bare + SQLite
 * (sqlite-reference.ts). Their difference is what SQLite with the cloud's durability, and the
 * cloud's representation, cost alone; the rest of a reference's CPU per request over HTTP is
 * Node's HTTP, the same for both. Writes go `--in-flight` per event-loop turn (8: as 8 requests in
 * flight could reach the group commit at best; 1: one COMMIT per write).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bareHandlers } from './bare-server.js';
import { DEACTIVATE_BODY, createBodyOf, userNameOf } from './okta-directory.js';
import type { Reply, ScimHandlers } from './scim-http.js';
import { sqliteReference } from './sqlite-reference.js';
import { int, median, table } from './stats.js';

const { values } = parseArgs({
  options: {
    'in-flight': { type: 'string', default: '8' },
    users: { type: 'string', default: '5000' },
    ops: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
  },
});
const IN_FLIGHT = Number(values['in-flight']);
const users = Number(values.users);
const ops = Number(values.ops);

/** What a side holds: its routes and the ids of the users created so far. */
interface Side {
  name: string;
  handlers: ScimHandlers;
  ids: string[];
  /** Users created or being created: the next create's index. */
  next: number;
}

/** Runs `n` operations, IN_FLIGHT at a time; returns the process's CPU µs per operation. */
async function cpuPerOp(n: number, op: (i: number) => Promise<Reply> | Reply): Promise<number> {
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i += IN_FLIGHT) {
    const batch: (Promise<Reply> | Reply)[] = [];
    for (let k = i; k < Math.min(n, i + IN_FLIGHT); k++) batch.push(op(k));
    for (const reply of await Promise.all(batch)) {
      // Serialised, as the HTTP side would: the body's size is part of the work.
      if (reply.status >= 300 || JSON.stringify(reply.body).length === 0) {
        throw new Error(`status ${reply.status}`);
      }
    }
  }
  const cpu = process.cpuUsage(t0);
  return (cpu.user + cpu.system) / n;
}

const create = (side: Side) => async () => {
  const index = side.next++;
  const reply = await side.handlers.create(
    JSON.parse(createBodyOf(index, userNameOf(index))) as Record<string, unknown>,
  );
  side.ids[index] = (reply.body as { id: string }).id;
  return reply;
};

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'reference-micro-'));
  const reference = sqliteReference(join(dir, 'reference.db'));
  const sides: Side[] = [
    { name: 'bare', handlers: bareHandlers(), ids: [], next: 0 },
    { name: 'bare+SQLite', handlers: reference.handlers, ids: [], next: 0 },
  ];
  reference.target.baseUrl = 'http://127.0.0.1:12345/scim/000000000000000001/000000000000000001/v2';
  const results = new Map<string, number[]>();
  const record = (key: string, us: number) => results.set(key, [...(results.get(key) ?? []), us]);
  try {
    for (const side of sides) await cpuPerOp(users, create(side));
    const patched = new Map(sides.map((s) => [s.name, 0]));
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const side of round % 2 ? [...sides].reverse() : sides) {
        const lookup = (i: number) => side.handlers.lookup(userNameOf((i * 7919) % users));
        record(`${side.name} lookup`, await cpuPerOp(ops, lookup));
        record(`${side.name} create (POST)`, await cpuPerOp(ops / 4, create(side)));
        const from = patched.get(side.name)!;
        const patch = (i: number) =>
          side.handlers.patch(
            side.ids[(from + i) % users]!,
            JSON.parse(DEACTIVATE_BODY) as Record<string, unknown>,
          );
        record(`${side.name} PATCH active=false`, await cpuPerOp(ops / 4, patch));
        patched.set(side.name, from + ops / 4);
      }
    }
  } finally {
    await reference.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = ['lookup', 'create (POST)', 'PATCH active=false'].map((kind) => {
    const bare = median(results.get(`bare ${kind}`)!);
    const sqlite = median(results.get(`bare+SQLite ${kind}`)!);
    return [kind, bare.toFixed(1), sqlite.toFixed(1), (sqlite - bare).toFixed(1)];
  });
  console.log(
    `In-process, ${int(users)} users seeded, ${int(ops)} lookups and ${int(ops / 4)} writes per ` +
      `round, ${values.rounds} rounds alternating, ${IN_FLIGHT} per event-loop turn; ` +
      'CPU µs per operation (medians):\n',
  );
  console.log(table(['operation', 'bare', 'bare+SQLite', 'difference'], rows));
}

void main();
