/**
 * A file database is read through a memory map (database.ts, MMAP_SIZE_BYTES): at 100,000 SCIM
 * users the file outgrows SQLite's page cache, and a lookup's pages read with read() cost a
 * quarter more CPU than mapped ones. The map is for reads only; what the checkpointer (another
 * connection) copies into the file shows through it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MMAP_SIZE_BYTES, openDatabase } from '../../../electron/cloud/store/database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fileDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'db-file-'));
  dirs.push(dir);
  const file = join(dir, 'cloud.db');
  return { file, db: openDatabase(file) };
}

describe('file database', () => {
  it('reads through a memory map', () => {
    const { db } = fileDatabase();
    expect(db.pragma('mmap_size', { simple: true })).toBe(MMAP_SIZE_BYTES);
    db.close();
  });

  it('sees through the map what another connection checkpointed into the file', () => {
    const { file, db } = fileDatabase();
    db.exec('CREATE TABLE t (n INTEGER)');
    const count = db.prepare('SELECT count(*) FROM t').pluck();
    expect(count.get()).toBe(0); // the file's pages are mapped before the rows exist
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let n = 0; n < 5000; n++) insert.run(n);
    })();
    const checkpointer = new Database(file);
    expect(checkpointer.pragma('wal_checkpoint(TRUNCATE)')).toEqual([
      { busy: 0, log: 0, checkpointed: 0 },
    ]);
    checkpointer.close();
    expect(count.get()).toBe(5000);
    db.close();
  });
});
