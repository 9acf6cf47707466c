/**
 * An Entra ID cycle or a PingFederate poll that falls due runs on one instance: two processes on
 * one database ask for the same due runs at the same moment, as their push engines would, and
 * each run goes to one of them (due-run.ts claims it with a compare-and-set of the settings; a
 * read then a write gave many to both).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../electron/cloud/store/open-store.js';
import { race, raceChild } from './race-child.js';
import { freshPostgresUrl } from './test-db.js';

const N = 400;
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

const asker = (url: string) =>
  raceChild<number[]>('test/postgres/take-due-runs.ts', [url, String(N)], children);

it(
  'gives each due Entra cycle and PingFederate poll to one of two instances',
  { timeout: 60_000 },
  async () => {
    const url = (await freshPostgresUrl())!;
    const store = openStore(url);
    const settings = (vendorState: Record<string, unknown>) => ({
      enabled: true,
      baseUrl: 'http://127.0.0.1:9/scim/v2',
      token: 'token',
      vendorOptions: {},
      enabledAt: 0,
      updatedAt: 0,
      vendorState,
    });
    store.transaction(() => {
      for (let i = 0; i < N; i++) {
        const state = i % 2 === 0 ? { nextCycleAt: 1 } : { nextPollAt: 1 };
        store.provisioning.putSettings(`idp-${i}`, settings(state));
      }
    });

    const [x, y] = await race(asker(url), asker(url));
    expect(
      x.filter((i) => y.includes(i)),
      'runs started by both',
    ).toEqual([]);
    expect(x.length + y.length).toBe(N);
    // Each run left its claim: nothing is due any more.
    const due = Array.from({ length: N }, (_, i) => {
      const state = store.provisioning.settings(`idp-${i}`)!.vendorState;
      return i % 2 === 0 ? state.nextCycleAt : state.nextPollAt;
    }).filter((at) => at !== null);
    expect(due).toEqual([]);
    await store.close();
  },
);
