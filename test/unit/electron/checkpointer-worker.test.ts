/**
 * The SQLite checkpointer's worker thread (issue 15 item 7): when it cannot open its database (or
 * load its driver, as inside a packaged app's archive), the cloud's process lives on. It keeps
 * the WAL bounded (issue 12) without holding the cloud's writers for long (issue 12's
 * SQLITE_BUSY under load).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { startCheckpointer } from '../../../electron/cloud/store/checkpointer.js';
import { openDatabase } from '../../../electron/cloud/store/database.js';

describe('checkpointer worker', () => {
  it('a worker that fails is reported, not an unhandled error, and closes at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-checkpointer-'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const checkpointer = startCheckpointer(join(dir, 'missing', 'cloud.db'), 10);
      await vi.waitFor(() =>
        expect(errors).toHaveBeenCalledWith(expect.stringMatching(/SQLite checkpointer stopped/)),
      );
      await checkpointer.close();
    } finally {
      errors.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('while writes go on, restarts the WAL once it passes the limit instead of letting it grow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-checkpointer-'));
    const file = join(dir, 'cloud.db');
    const db = openDatabase(file);
    const limit = 256 * 1024;
    db.pragma(`journal_size_limit = ${limit}`);
    db.exec('CREATE TABLE t (v BLOB)');
    const checkpointer = startCheckpointer(file, 5, limit);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const page = Buffer.alloc(4096, 7);
    let peak = 0;
    try {
      // The worker is up once it has truncated the WAL of a first, lone write (a pause).
      insert.run(page);
      await vi.waitFor(() => expect(statSync(`${file}-wal`).size).toBe(0), { timeout: 20_000 });
      // 8 MiB in 2,000 commits, a few per turn of the event loop, never pausing long enough for
      // the truncation a pause triggers: only the restart keeps the WAL small.
      for (let i = 0; i < 2000; i++) {
        insert.run(page);
        if (i % 10 === 0) {
          peak = Math.max(peak, statSync(`${file}-wal`).size);
          await new Promise((r) => setTimeout(r, 1));
        }
      }
    } finally {
      await checkpointer.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // Without the restart the WAL holds all 8 MiB (the automatic checkpoint waits for 80 MiB).
    expect(peak).toBeLessThan(4 * 1024 * 1024);
  }, 30_000);

  it('a RESTART that waits for a reader gives up quickly instead of holding writers past their busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-checkpointer-'));
    const file = join(dir, 'cloud.db');
    // The cloud's connection, waiting 400 ms for a lock where the cloud waits 5 s.
    const db = openDatabase(file, { busyTimeoutMs: 400 });
    const limit = 64 * 1024;
    db.exec('CREATE TABLE t (v BLOB)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const write = db.transaction(() => insert.run(Buffer.alloc(4096, 7))).immediate;
    write();
    // A reader in the middle of a read transaction: a RESTART takes the writer lock, then waits
    // (busy handler) for it to finish, holding every writer for as long as it waits.
    const reader = new Database(file);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM t').get();
    const checkpointer = startCheckpointer(file, 50, limit);
    let busy = 0;
    let writes = 0;
    try {
      // 1.5 s of writes past the limit, so the checkpointer tries a RESTART every tick.
      const end = Date.now() + 1500;
      while (Date.now() < end) {
        try {
          write();
          writes++;
        } catch (e) {
          if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
          busy++;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    } finally {
      reader.exec('COMMIT');
      reader.close();
      await checkpointer.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(writes).toBeGreaterThan(20);
    expect(busy).toBe(0);
  }, 30_000);
});
