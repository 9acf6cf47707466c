/**
 * One-time codes and pending SAML requests are taken once, whichever instance asks: two
 * processes on one database take the same codes at the same moment, and each code goes to one
 * of them (a take is one DELETE … RETURNING; a read then a delete gave many to both).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../electron/cloud/store/open-store.js';
import { race, raceChild } from './race-child.js';
import { freshPostgresUrl } from './test-db.js';

const N = 500;
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

type Taken = { codes: number[]; requests: number[] };
const taker = (url: string) =>
  raceChild<Taken>('test/postgres/take-all.ts', [url, String(N)], children);

it(
  'gives each code and each SAML request to one of two instances taking them together',
  { timeout: 60_000 },
  async () => {
    const url = (await freshPostgresUrl())!;
    const store = openStore(url);
    const expiresAt = Date.now() + 600_000;
    store.transaction(() => {
      for (let i = 0; i < N; i++) {
        store.auth.putLoginCode(`code-${i}`, expiresAt, { i });
        store.auth.putSamlRequest({
          id: `req-${i}`,
          idpId: 'idp',
          createdAt: 0,
          expiresAt,
          doc: {},
        });
      }
    });
    await store.close();

    const [x, y] = await race(taker(url), taker(url));
    for (const kind of ['codes', 'requests'] as const) {
      const both = x[kind].filter((i) => y[kind].includes(i));
      expect(both, `${kind} taken by both`).toEqual([]);
      expect(x[kind].length + y[kind].length).toBe(N);
    }
  },
);
