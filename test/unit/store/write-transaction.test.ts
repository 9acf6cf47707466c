import { mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import { openDatabase } from '../../../electron/cloud/store/database.js';
import { writeTransaction } from '../../../electron/cloud/store/write-transaction.js';

/**
 * SQLite's busy timeout counts the sleeps it asked for, and a signal cuts each sleep short: under
 * V8's sampling profiler (SIGPROF every millisecond) a 5 s busy timeout lasted 60–85 ms, and the
 * SCIM benchmark's writes answered 503 while the checkpointer held the write lock for a RESTART.
 * Here a second connection (another thread, as the checkpointer's) holds the write lock while this
 * thread's profiler runs.
 */
const driver = createRequire(import.meta.url).resolve('better-sqlite3');

let dir: string;
let file: string;
let profiler: Session | undefined;
const holders: Worker[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'write-transaction-'));
  file = join(dir, 'cloud.db');
});

afterEach(async () => {
  await stopProfiler();
  await Promise.all(holders.splice(0).map((w) => w.terminate()));
  rmSync(dir, { recursive: true, force: true });
});

/** V8's sampling profiler on this thread, as `node --cpu-prof` runs it: SIGPROF every 1 ms. */
async function startProfiler(): Promise<void> {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 1000 });
  await profiler.post('Profiler.start');
}

async function stopProfiler(): Promise<void> {
  if (!profiler) return;
  await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = undefined;
}

/** Another connection takes the write lock and keeps it `ms`; resolves once it holds it. */
async function holdWriteLock(ms: number): Promise<void> {
  const holder = new Worker(
    `const Database = require(${JSON.stringify(driver)});
     const db = new Database(${JSON.stringify(file)});
     db.exec('BEGIN IMMEDIATE');
     require('node:worker_threads').parentPort.postMessage('held');
     setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`,
    { eval: true },
  );
  holders.push(holder);
  await new Promise((resolve, reject) => {
    holder.once('message', resolve);
    holder.once('error', reject);
  });
}

function timed<T>(fn: () => T): { value?: T; error?: { code?: string }; ms: number } {
  const t0 = performance.now();
  try {
    const value = fn();
    return { value, ms: performance.now() - t0 };
  } catch (error) {
    return { error: error as { code?: string }, ms: performance.now() - t0 };
  }
}

describe('a write transaction under a profiler, while another connection holds the write lock', () => {
  it("SQLite's own busy timeout gives up long before its time (the cause)", async () => {
    const db = openDatabase(file); // busy_timeout 5 s
    const begin = db.transaction(() => undefined).immediate;
    await startProfiler();
    await holdWriteLock(1500);
    const attempt = timed(() => begin());
    await stopProfiler();
    db.close();
    // Without the profiler's signals this waits the 1.5 s out and succeeds.
    expect(attempt.error?.code).toBe('SQLITE_BUSY');
    expect(attempt.ms).toBeLessThan(1500);
  });

  it("the store's transaction waits the lock out and writes once", async () => {
    const store = openSqliteStore(file); // busy_timeout 5 s, the checkpointer's connection too
    await startProfiler();
    await holdWriteLock(600);
    let runs = 0;
    const write = timed(() =>
      store.transaction(() => {
        runs++;
        store.settings.set('written', 'yes');
        return 'done';
      }),
    );
    await stopProfiler();
    expect(write.error).toBeUndefined();
    expect(write.value).toBe('done');
    expect(runs).toBe(1);
    expect(store.settings.get('written')).toBe('yes');
    await store.close();
  });

  it('the connection keeps its busy timeout after a retry', async () => {
    const db = openDatabase(file);
    const write = writeTransaction(db);
    await startProfiler();
    await holdWriteLock(300);
    const attempt = timed(() => write(() => 'ok'));
    await stopProfiler();
    expect(attempt.value).toBe('ok');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('a lock held past the timeout still fails with SQLITE_BUSY, on the clock, with nothing begun', async () => {
    const db = openDatabase(file, { busyTimeoutMs: 300 });
    const write = writeTransaction(db);
    await startProfiler();
    await holdWriteLock(2000);
    let runs = 0;
    const attempt = timed(() => write(() => runs++));
    await stopProfiler();
    expect(attempt.error?.code).toBe('SQLITE_BUSY');
    expect(attempt.ms).toBeGreaterThanOrEqual(290);
    expect(attempt.ms).toBeLessThan(1800);
    expect(runs).toBe(0);
    expect(db.inTransaction).toBe(false);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(300);
    db.close();
  });
});

describe('what is never retried', () => {
  it('a SQLITE_BUSY from inside the transaction: its body ran, so it fails as it is', () => {
    const db = openDatabase(file, { busyTimeoutMs: 200 });
    const write = writeTransaction(db);
    let runs = 0;
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const attempt = timed(() =>
      write(() => {
        runs++;
        throw busy;
      }),
    );
    expect(attempt.error).toBe(busy);
    expect(runs).toBe(1);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('a nested call is a savepoint of the transaction around it', () => {
    const db = openDatabase(file);
    const write = writeTransaction(db);
    db.exec('CREATE TABLE t (x)');
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    write(() => {
      insert.run(1);
      expect(() =>
        write(() => {
          insert.run(2);
          throw new Error('refused');
        }),
      ).toThrow('refused');
      insert.run(3);
    });
    expect(db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 3]);
    db.close();
  });
});
