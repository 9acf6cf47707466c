/**
 * The timeline's records wait FLUSH_MS and are written on a timer: a database busy then must not
 * end the process (an exception in a timer does) nor lose them; they are written once it is free.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { TimelineRecord } from '../../../electron/cloud/store/types.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-timeline-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (text: string): TimelineRecord => ({
  at: 1_000,
  userName: 'alice@acme.example',
  idpId: null,
  source: 'broker',
  code: null,
  text,
  error: false,
});

it('keeps the records through a busy database and writes them once it is free', async () => {
  const file = join(dir, 'cloud.db');
  const store = openSqliteStore(file, { busyTimeoutMs: 20 });
  const locker = new Database(file);
  try {
    locker.exec('BEGIN IMMEDIATE');
    store.timeline.append([record('opened while busy')]);
    await new Promise((r) => setTimeout(r, 300)); // several flushes meet the lock
    locker.exec('ROLLBACK');
    const query = { userName: 'alice@acme.example', idpIds: [], since: 0, until: 2_000, limit: 10 };
    expect(store.timeline.forUser(query).map((r) => r.text)).toEqual(['opened while busy']);
  } finally {
    locker.close();
    await store.close();
  }
});
