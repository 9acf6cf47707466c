/**
 * The state several cloud instances share through the store (instance-state-types.ts), alike on
 * SQLite (project unit) and PostgreSQL (project postgres): the clock's offset, SCIM rate-limit
 * buckets and oidc-provider's records.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/cloud/store/open-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import { freshTestDb } from '../../postgres/test-db.js';

let store: Store;
beforeEach(async () => {
  store = openStore(await freshTestDb());
});
afterEach(async () => {
  await store.close();
});

const T = 1_700_000_000_000;

it('keeps the clock offset; adds to it in one statement unless it would pass the limit', () => {
  expect(store.clock.get()).toBe(0);
  expect(store.clock.add(3_600_000, T, T + 7_200_000)).toBe(3_600_000);
  expect(store.clock.add(3_600_000, T, T + 7_200_000)).toBe(7_200_000);
  expect(store.clock.add(1, T, T + 7_200_000)).toBeUndefined();
  expect(store.clock.get()).toBe(7_200_000);
  store.clock.set(0);
  expect(store.clock.get()).toBe(0);
});

it('refills a rate-limit bucket with time, up to its capacity, per key', () => {
  const take = (key: string, at: number) => store.rateLimits.take(key, 2, at);
  expect(take('a', T)).toEqual({ granted: true, tokens: 1 });
  expect(take('a', T).granted).toBe(true);
  expect(take('a', T)).toEqual({ granted: false, tokens: 0 });
  expect(take('b', T).granted).toBe(true);
  expect(take('a', T + 250)).toEqual({ granted: false, tokens: 0.5 });
  expect(take('a', T + 500)).toEqual({ granted: true, tokens: 0 });
  expect(take('a', T + 60_000)).toEqual({ granted: true, tokens: 1 });
});

describe('oidc-provider records', () => {
  const put = (model: string, id: string, expiresAt: number | null, more = {}) =>
    store.oidc.upsert('idp1', model, id, { doc: JSON.stringify({ id }), expiresAt, ...more });

  it('finds a record until it expires, by id, by uid or user code, per IdP and model', () => {
    put('Session', 's1', T + 1000, { uid: 'u1' });
    put('DeviceCode', 'd1', null, { userCode: 'ABCD' });
    expect(store.oidc.find('idp1', 'Session', 's1', T)).toEqual({
      doc: '{"id":"s1"}',
      consumed: null,
    });
    expect(store.oidc.findBy('idp1', 'Session', 'uid', 'u1', T)?.doc).toBe('{"id":"s1"}');
    expect(store.oidc.findBy('idp1', 'DeviceCode', 'userCode', 'ABCD', T)?.doc).toBe('{"id":"d1"}');
    expect(store.oidc.find('idp1', 'Session', 's1', T + 1000)).toBeUndefined();
    expect(store.oidc.find('idp2', 'Session', 's1', T)).toBeUndefined();
    expect(store.oidc.find('idp1', 'Grant', 's1', T)).toBeUndefined();
    store.oidc.pruneExpired(T + 1000);
    expect(store.oidc.find('idp1', 'Session', 's1', T)).toBeUndefined();
    expect(store.oidc.find('idp1', 'DeviceCode', 'd1', T + 10 ** 9)).toBeDefined();
  });

  it('consumes a code once, and revokes every record of a grant', () => {
    put('AuthorizationCode', 'c1', T + 60_000, { grantId: 'g1' });
    put('AccessToken', 'a1', T + 60_000, { grantId: 'g1' });
    put('AccessToken', 'a2', T + 60_000, { grantId: 'g2' });
    store.oidc.consume('idp1', 'AuthorizationCode', 'c1', 1_700_000_001);
    store.oidc.consume('idp1', 'AuthorizationCode', 'c1', 1_700_000_999);
    expect(store.oidc.find('idp1', 'AuthorizationCode', 'c1', T)?.consumed).toBe(1_700_000_001);
    store.oidc.revokeByGrantId('idp1', 'g1');
    expect(store.oidc.find('idp1', 'AuthorizationCode', 'c1', T)).toBeUndefined();
    expect(store.oidc.find('idp1', 'AccessToken', 'a1', T)).toBeUndefined();
    expect(store.oidc.find('idp1', 'AccessToken', 'a2', T)).toBeDefined();
    store.oidc.destroy('idp1', 'AccessToken', 'a2');
    expect(store.oidc.find('idp1', 'AccessToken', 'a2', T)).toBeUndefined();
  });

  it('forgets every record of a deleted IdP', () => {
    put('Session', 's1', null);
    store.oidc.removeIdp('idp1');
    expect(store.oidc.find('idp1', 'Session', 's1', T)).toBeUndefined();
  });
});
