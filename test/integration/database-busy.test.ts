/**
 * A database still locked past its busy timeout (issue 12: the checkpointer's RESTART held the
 * cloud's writers on a starved machine) is answered honestly: 503 with Retry-After, in SCIM's
 * error format on SCIM and the admin API's on the admin API, never a 500; and nothing refused is
 * written. Another connection on the cloud's file holds the write lock; the cloud waits 100 ms
 * for it, not its usual 5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whileWriteLocked } from '../helpers/write-lock.js';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { openSqliteStore } from '../../electron/cloud/store/sqlite-store.js';
import {
  admin,
  enableScim,
  expectList,
  expectScimError,
  expectStatus,
  query,
  scim,
  startTestCloud,
  USER_SCHEMA,
  type ScimClient,
} from '../helpers/cloud.js';

let dir: string;
let file: string;
let cloud: RunningCloud;
let client: ScimClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-busy-'));
  file = join(dir, 'cloud.db');
  cloud = await startTestCloud({ db: file, store: openSqliteStore(file, { busyTimeoutMs: 100 }) });
  const oidc = await enableScim(cloud, 'OIDC');
  client = scim(oidc.endpoint, oidc.token);
});
afterAll(async () => {
  await cloud?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `fn` while a second connection holds the database's write lock. */
const whileLocked = <T>(fn: () => Promise<T>) => whileWriteLocked(file, fn);

const user = (userName: string) => ({ schemas: [USER_SCHEMA], userName, active: true });
const filterByName = (userName: string) =>
  `/Users${query({ filter: `userName eq "${userName}"` })}`;

describe('a database busy past its timeout', () => {
  it('SCIM writes answer 503 with Retry-After in SCIM error format and write nothing', async () => {
    const names = [1, 2, 3].map((k) => `busy-${k}@acme.example`);
    // Three at once: one group commit, which fails as a whole.
    const answers = await whileLocked(() =>
      Promise.all(names.map((n) => client.post('/Users', user(n)))),
    );
    for (const res of answers) {
      expectScimError(res, 503);
      expect(res.headers.get('retry-after')).toBe('1');
    }
    for (const n of names)
      expect(expectList(await client.get(filterByName(n))).totalResults).toBe(0);
    // Sent again once the lock is gone, as Retry-After asks: created.
    expectStatus(await client.post('/Users', user(names[0]!)), 201);
  });

  it('admin API writes answer 503 with Retry-After in its JSON error shape and write nothing', async () => {
    const api = admin(cloud);
    const idp = await api.idp('OIDC');
    const res = await whileLocked(() =>
      api.patch(`/idps/${idp.id}`, { scimRateLimitEnabled: !idp.scimRateLimitEnabled }),
    );
    expect(res.status, res.text).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body).toEqual({ error: { code: 'database_busy', message: expect.any(String) } });
    expect((await api.idp('OIDC')).scimRateLimitEnabled).toBe(idp.scimRateLimitEnabled);
  });
});
