/** A timer's database work never throws: busy skips the turn quietly, anything else is logged. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { skipTurnIfBusy } from '../../../electron/cloud/http/database-busy.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-skip-turn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('skips a turn that meets a locked database, and logs any other failure', () => {
  const file = join(dir, 'cloud.db');
  const locker = new Database(file);
  locker.exec('CREATE TABLE t (x)');
  const writer = new Database(file);
  writer.pragma('busy_timeout = 0');
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    locker.exec('BEGIN IMMEDIATE');
    expect(() =>
      skipTurnIfBusy('Pruning', () => writer.exec('INSERT INTO t VALUES (1)')),
    ).not.toThrow();
    expect(log).not.toHaveBeenCalled();
    expect(() =>
      skipTurnIfBusy('Pruning', () => {
        throw new Error('disk full');
      }),
    ).not.toThrow();
    expect(log).toHaveBeenCalledWith('Pruning failed:', expect.any(Error));
  } finally {
    log.mockRestore();
    locker.exec('ROLLBACK');
    writer.close();
    locker.close();
  }
});
