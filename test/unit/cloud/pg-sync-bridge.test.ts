/**
 * The synchronous bridge to PostgreSQL's worker thread (electron/cloud/store/postgres), without a
 * server: round trips to the worker, and a server that is not there reported at once, in words.
 */
import { afterEach, expect, it } from 'vitest';
import { PgError, SyncBridge } from '../../../electron/cloud/store/postgres/sync-bridge.js';
import { openStore } from '../../../electron/cloud/store/open-store.js';

let bridge: SyncBridge | undefined;
afterEach(async () => {
  await bridge?.close().catch(() => undefined);
  bridge = undefined;
});

it('answers a call synchronously, many times in a row', () => {
  bridge = new SyncBridge('postgres://127.0.0.1:1/none');
  for (let i = 0; i < 200; i++) expect(bridge.call({ op: 'ping' })).toMatchObject({ rowCount: 0 });
});

it('reports a server that refuses connections as a PgError, without waiting for the timeout', () => {
  bridge = new SyncBridge('postgres://127.0.0.1:1/none', 10_000);
  const started = performance.now();
  expect(() => bridge!.call({ op: 'exec', text: 'SELECT 1' })).toThrow(PgError);
  expect(() => bridge!.call({ op: 'exec', text: 'SELECT 1' })).toThrow(/ECONNREFUSED/);
  expect(performance.now() - started).toBeLessThan(5_000);
});

it('refuses calls once closed', async () => {
  bridge = new SyncBridge('postgres://127.0.0.1:1/none');
  await bridge.close();
  expect(() => bridge!.call({ op: 'ping' })).toThrow(/closed/);
});

it('names the server, without its password, when a cloud cannot open its store there', () => {
  expect(() => openStore('postgres://cloud:s3cret@127.0.0.1:1/none')).toThrow(
    /^PostgreSQL postgres:\/\/cloud:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/,
  );
});
