/**
 * Policy changes that read, check and write (a rule inserted at a position shifts the rules
 * below it; every change bumps the policy version) are serialised across instances: two cloud
 * processes on one database take rules inserted at the top, removals and moves at the same time,
 * and the set ends with positions 1..n, each held by one rule, and a version that counted every
 * change. (Without the lock, concurrent shifts left rules sharing a position and bumps were lost.)
 */
import { afterAll, expect, it } from 'vitest';
import { spawnCloudCli, type CliCloud } from '../helpers/cli.js';
import { admin, type AdminClient } from '../helpers/cloud.js';
import { freshPostgresUrl } from './test-db.js';

const TOKEN = 'policy-race-admin';
/** Rules each instance inserts at the top. */
const N = 40;
const started: CliCloud[] = [];
afterAll(async () => {
  for (const cli of started) await cli.dispose();
});

async function cloudOn(db: string): Promise<AdminClient> {
  const cli = await spawnCloudCli(['--port', '0', '--db', db, '--admin-token', TOKEN], 60_000);
  started.push(cli);
  return admin({ baseUrl: cli.baseUrl, adminToken: TOKEN });
}

type Rule = { id: string; name: string; ruleOrder: number };

/** Inserts at position 1, and every fifth time moves the rule it inserted to the bottom. */
async function churn(http: AdminClient, prefix: string): Promise<number> {
  let changes = 0;
  await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const res = await http.post('/policies/access', {
        name: `${prefix}-${i}`,
        action: 'ALLOW',
        ruleOrder: 1,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      changes++;
      if (i % 5 !== 0) return;
      const moved = await http.patch(`/policies/access/${res.body.id as string}`, { ruleOrder: 2 });
      // 400: the set is shorter than asked for only if the lock let a stale count through.
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      changes++;
    }),
  );
  return changes;
}

it(
  'gives every rule its own position and counts every change when two instances edit one policy set',
  { timeout: 120_000 },
  async () => {
    const db = (await freshPostgresUrl({ seeded: true }))!;
    const [a, b] = await Promise.all([cloudOn(db), cloudOn(db)]);
    const before = (await a.get('/policies')).body as { version: number };
    const existing = ((await a.get('/policies/access')).body as Rule[]).length;

    const changes = await Promise.all([churn(a, 'a'), churn(b, 'b')]);

    const rules = (await b.get('/policies/access')).body as Rule[];
    expect(rules).toHaveLength(existing + 2 * N);
    // The position each rule has in the database (the list numbers them as it reads them).
    const stored = await Promise.all(
      rules.map(async (r) => ((await a.get(`/policies/access/${r.id}`)).body as Rule).ruleOrder),
    );
    expect([...stored].sort((x, y) => x - y)).toEqual(rules.map((_, i) => i + 1));
    const after = (await b.get('/policies')).body as { version: number };
    expect(after.version - before.version).toBe(changes[0]! + changes[1]!);
  },
);
