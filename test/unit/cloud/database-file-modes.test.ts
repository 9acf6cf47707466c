/**
 * The cloud database holds the SAML IdP's private key and token hashes: its folder (when the
 * cloud creates it) is 0700 and the database with its -wal and -shm 0600, whatever the umask.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/cloud/store/database.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('cloud database file modes', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'db-modes-'));
    umask = process.umask(0o022); // the usual default: files 0644, folders 0755
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the folder 0700 and the database, -wal and -shm 0600', () => {
    const file = join(root, 'data', 'cloud.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    expect(modeOf(join(root, 'data')).toString(8)).toBe('700');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(modeOf(f).toString(8), f).toBe('600');
    }
    db.close();
  });

  it('tightens a database an older build left world-readable', () => {
    mkdirSync(join(root, 'old'));
    const file = join(root, 'old', 'cloud.db');
    writeFileSync(file, '');
    writeFileSync(`${file}-wal`, '');
    chmodSync(file, 0o644);
    chmodSync(`${file}-wal`, 0o644);
    const db = openDatabase(file);
    expect(modeOf(file).toString(8)).toBe('600');
    expect(modeOf(`${file}-wal`).toString(8)).toBe('600');
    db.close();
  });
});
