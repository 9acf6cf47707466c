/**
 * Two instances starting together on a new database seed the demo tenant once: the seed claims
 * its settings key first, so the second waits for the first's commit and then seeds nothing
 * (with a read of the key, both read "not seeded" and the second failed on the demo IdP's name).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../electron/cloud/store/open-store.js';
import { race, raceChild } from './race-child.js';
import { freshPostgresUrl } from './test-db.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

const starting = (url: string) =>
  raceChild<'seeded'>('test/postgres/seed-on-go.ts', [url], children);

it(
  'seeds the demo tenant once when two instances start on it at once',
  { timeout: 60_000 },
  async () => {
    const url = (await freshPostgresUrl())!;
    expect(await race(starting(url), starting(url))).toEqual(['seeded', 'seeded']);

    const store = openStore(url);
    try {
      expect(
        store.idps
          .list()
          .map((i) => i.config.name)
          .sort(),
      ).toEqual(['Globex OIDC', 'Okta (SAML)']);
      const rules = store.policy.rules('access').map((r) => r.name);
      expect(rules.length).toBeGreaterThan(0);
      expect(new Set(rules).size).toBe(rules.length);
    } finally {
      await store.close();
    }
  },
);
