/**
 * A first value (the OIDC cookie keys, made by the first instance to mount an OIDC IdP) is set
 * once: two processes on one new database set the same settings at the same moment, and both
 * keep the value that won (store.settings.claim is one INSERT … ON CONFLICT whose row lock
 * decides, then a read by the loser; a read then a write left each with its own now and then). The two start each
 * round together, since the one ahead soon finds the other's values and races no more.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../electron/cloud/store/open-store.js';
import { race, raceChild } from './race-child.js';
import { freshPostgresUrl } from './test-db.js';

const ROUNDS = 60;
const KEYS_PER_ROUND = 5;
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

type Got = { cookieKeys: string[]; values: string[] };
const setter = (url: string, name: string) =>
  raceChild<Got>('test/postgres/put-first-all.ts', [url, String(KEYS_PER_ROUND), name], children);

it(
  'gives two instances setting first values together the same ones, cookie keys included',
  { timeout: 90_000 },
  async () => {
    const url = (await freshPostgresUrl())!;
    const [x, y] = [setter(url, 'x'), setter(url, 'y')];
    const first = await race(x, y);
    expect(first[0].cookieKeys).toEqual(first[1].cookieKeys);
    const rounds = [first];
    for (let r = 1; r < ROUNDS; r++) {
      x.go();
      y.go();
      rounds.push(await Promise.all([x.result(), y.result()]));
    }
    const disagree = rounds.flatMap(([a, b]) => a.values.filter((v, i) => v !== b.values[i]));
    expect(disagree, 'values the two were given differently').toEqual([]);
    // Each was given what is stored.
    const store = openStore(url);
    expect(store.settings.get('first-0-0')).toBe(first[0].values[0]);
    expect(JSON.parse(store.settings.get('oidc.cookieKeys')!)).toEqual(first[0].cookieKeys);
    await store.close();
  },
);
