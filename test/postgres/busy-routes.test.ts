/**
 * A cloud on PostgreSQL whose statements give up on a lock after 200 ms (lock_timeout, as a
 * server or PGOPTIONS may set it): while another connection holds the sessions table, the
 * connector API answers 503 with Retry-After in its error shape, and the push channel closes
 * with 1013 ("try again later"), not with "session invalid", which would sign the connector out.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { DATABASE_BUSY } from '../../electron/cloud/http/database-busy.js';
import type { IdpConfig } from '../../shared/model/idp.js';
import { startTestCloud } from '../helpers/cloud.js';
import { freshPostgresUrl } from './test-db.js';

let url: string;
let cloud: RunningCloud;
let okta: IdpConfig;
let token: string;

beforeAll(async () => {
  url = (await freshPostgresUrl({ seeded: true }))!;
  const withTimeout = new URL(url);
  withTimeout.searchParams.set('options', '-c lock_timeout=200');
  cloud = await startTestCloud({ db: withTimeout.toString() });
  okta = cloud.idps.list().find((i) => i.name === 'Okta (SAML)')!;
  token = cloud.context.sessions.createSession(
    {
      idpId: okta.id,
      protocol: 'saml',
      userName: 'alice@acme.example',
      attributes: {},
      authTime: Date.now(),
    },
    'device-pg-busy',
  ).sessionToken;
});
afterAll(async () => {
  await cloud?.close();
});

/** Runs `fn` while another connection holds the sessions table. */
async function whileLocked<T>(fn: () => Promise<T>): Promise<T> {
  const locker = new pg.Client({ connectionString: url });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE connector_sessions IN ACCESS EXCLUSIVE MODE');
    return await fn();
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }
}

it('the connector API answers 503 with Retry-After in its error shape', async () => {
  const res = await whileLocked(() =>
    fetch(`${cloud.baseUrl}/api/connector/session`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('1');
  expect(await res.json()).toEqual({
    error: { code: DATABASE_BUSY.connectorCode, message: DATABASE_BUSY.message },
  });
});

it('the push channel closes with 1013, not as an invalid session', async () => {
  const closed = await whileLocked(
    () =>
      new Promise<{ code: number; reason: string }>((resolve, reject) => {
        const ws = new WebSocket(`${cloud.baseUrl.replace(/^http/, 'ws')}/api/connector/events`, {
          headers: { authorization: `Bearer ${token}` },
        });
        ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
        ws.on('error', reject);
      }),
  );
  expect(closed).toEqual({
    code: DATABASE_BUSY.wsCloseCode,
    reason: DATABASE_BUSY.connectorCode,
  });
});
