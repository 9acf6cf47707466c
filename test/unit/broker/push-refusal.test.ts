/**
 * How the push channel is refused when its upgrade cannot be served: only a bad session says
 * "sign in again" (4001); a busy database asks the connector to come back (1013, which it
 * treats as a lost channel and reconnects with backoff), and a fault is the server's (1011).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { AuthError } from '../../../electron/cloud/auth/auth-error.js';
import { pushRefusal } from '../../../electron/cloud/broker/routes.js';
import { PUSH_CLOSE_CODES } from '../../../shared/contract/cloud-api/push.js';
import { CODES } from '../../../shared/errors/codes.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-push-refusal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** better-sqlite3's own error for a write that met another connection's lock. */
function realBusyError(): unknown {
  const file = join(dir, 'locked.db');
  const locker = new Database(file);
  locker.exec('CREATE TABLE IF NOT EXISTS t (x)');
  const writer = new Database(file);
  writer.pragma('busy_timeout = 0');
  try {
    locker.exec('BEGIN IMMEDIATE');
    writer.exec('INSERT INTO t VALUES (1)');
    throw new Error('the write was not refused');
  } catch (e) {
    return e;
  } finally {
    locker.exec('ROLLBACK');
    writer.close();
    locker.close();
  }
}

it('a bad session ends the channel with its code', () => {
  const e = new AuthError(CODES.SESSION_INVALID, 'Not signed in.', 401);
  expect(pushRefusal(e)).toEqual([PUSH_CLOSE_CODES.sessionInvalid, CODES.SESSION_INVALID]);
});

it('a busy database asks the connector to try again later, not to sign in again', () => {
  const busy = realBusyError();
  expect(busy).toMatchObject({ code: 'SQLITE_BUSY' });
  expect(pushRefusal(busy)).toEqual([1013, CODES.CLOUD_BUSY]);
});

it('any other fault is the server’s (1011), logged', () => {
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  expect(pushRefusal(new Error('boom'))).toEqual([1011, CODES.INTERNAL]);
  expect(log).toHaveBeenCalled();
  log.mockRestore();
});
