/**
 * What every store must do alike, on SQLite (project unit, :memory:) and on PostgreSQL (project
 * postgres, a fresh schema): uniqueness and case- and normalisation-insensitive names, nested
 * transactions, JSON lookups, byte columns, 64-bit times, code-point ordering, LIKE filters.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessRule } from '../../../shared/model/policy.js';
import { openStore } from '../../../electron/cloud/store/open-store.js';
import {
  UniquenessViolation,
  type ProvisioningObject,
  type Store,
  type StoredSession,
} from '../../../electron/cloud/store/types.js';
import { freshTestDb, onPostgres } from '../../postgres/test-db.js';
import { storedUser } from './stored-user.js';

let store: Store;

beforeEach(async () => {
  store = openStore(await freshTestDb());
});

afterEach(async () => {
  await store.close();
});

describe('SCIM resources', () => {
  it('finds a userName whatever its case and Unicode form, and refuses it twice per IdP', () => {
    store.scim.insert('User', 'idp1', storedUser('u1', 'José@Acme.example'));
    // Decomposed é (e + U+0301) and other capitals: the same name.
    expect(store.scim.findByName('User', 'idp1', 'JOSE\u0301@acme.EXAMPLE')).toHaveLength(1);
    expect(() =>
      store.scim.insert('User', 'idp1', storedUser('u2', 'jose\u0301@acme.example')),
    ).toThrow(UniquenessViolation);
    store.scim.insert('User', 'idp2', storedUser('u2', 'jose\u0301@acme.example'));
    expect(store.scim.count('User', 'idp1')).toBe(1);
    expect(store.scim.count('User', 'idp2')).toBe(1);
  });

  it('keeps 64-bit times and update versions; a rename into a taken name is refused', () => {
    const at = Date.UTC(2090, 0, 1); // beyond 32 bits of seconds, let alone of milliseconds
    store.scim.insert('User', 'idp1', storedUser('u1', 'a@x', { created: at, lastModified: at }));
    store.scim.insert('User', 'idp1', storedUser('u2', 'b@x'));
    store.scim.update(
      'User',
      'idp1',
      storedUser('u1', 'a@x', { version: 2, active: false, lastModified: at + 1 }),
    );
    expect(store.scim.get('User', 'idp1', 'u1')).toMatchObject({
      version: 2,
      active: false,
      created: at,
      lastModified: at + 1,
    });
    expect(() =>
      store.scim.update('User', 'idp1', storedUser('u1', 'B@X', { version: 3 })),
    ).toThrow(UniquenessViolation);
    expect(store.scim.get('User', 'idp1', 'u1')!.name).toBe('a@x');
  });

  it('updates every column of a user and a group, keeping or changing the name and externalId', () => {
    const doc = (n: number) => ({ userName: 'x', title: `t${n}` });
    for (const type of ['User', 'Group'] as const) {
      store.scim.insert(type, 'idp1', storedUser('r1', 'First', { externalId: 'e1' }));
      const read = () => store.scim.get(type, 'idp1', 'r1')!;
      // Name and externalId kept (the UPDATE that leaves their index entries alone).
      const kept = { externalId: 'e1', active: false, version: 2, lastModified: 1_800_000_000_001 };
      store.scim.update(type, 'idp1', storedUser('r1', 'First', { ...kept, attributes: doc(2) }));
      expect(read()).toEqual({
        ...storedUser('r1', 'First', { ...kept, attributes: doc(2) }),
        active: type === 'Group' || false,
      });
      // Renamed, a new externalId, then none: the full UPDATE, its keys looked up afresh.
      for (const [version, name, externalId] of [
        [3, 'Second', 'e2'],
        [4, 'Second', null],
      ] as const) {
        const next = { externalId, version, lastModified: 1_800_000_000_000 + version };
        store.scim.update(
          type,
          'idp1',
          storedUser('r1', name, { ...next, attributes: doc(version) }),
        );
        expect(read()).toEqual(storedUser('r1', name, { ...next, attributes: doc(version) }));
      }
      expect(store.scim.findByName(type, 'idp1', 'second').map((r) => r.id)).toEqual(['r1']);
      expect(store.scim.findByName(type, 'idp1', 'First')).toEqual([]);
      expect(store.scim.findByExternalId(type, 'idp1', 'e2')).toEqual([]);
    }
  });

  it('shows members by their displayName, and lists the groups of a member', () => {
    store.scim.insert(
      'User',
      'idp1',
      storedUser('u1', 'a@x', { attributes: { displayName: 'Ann' } }),
    );
    store.scim.insert('User', 'idp1', storedUser('u2', 'b@x', { attributes: {} }));
    store.scim.insert('Group', 'idp1', storedUser('g1', 'Staff'));
    store.scim.setMembers('idp1', 'g1', [
      { value: 'u2', type: 'User', display: null },
      { value: 'u1', type: 'User', display: null },
      { value: 'u1', type: 'User', display: null }, // listed twice, kept once
    ]);
    expect(store.scim.members('idp1', 'g1')).toEqual([
      { value: 'u2', type: 'User', display: 'b@x' },
      { value: 'u1', type: 'User', display: 'Ann' },
    ]);
    expect(store.scim.groupsOf('idp1', 'u1')).toEqual([{ value: 'g1', display: 'Staff' }]);
    expect(store.scim.groupIdsOf('idp1', 'u2')).toEqual(['g1']);
  });
});

describe('transactions', () => {
  it('roll back every write when the function throws', () => {
    expect(() =>
      store.transaction(() => {
        store.settings.set('k', 'v');
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(store.settings.get('k')).toBeUndefined();
  });

  it('nest: a failed inner one (a uniqueness violation) is undone alone', () => {
    store.transaction(() => {
      store.scim.insert('User', 'idp1', storedUser('u1', 'a@x'));
      expect(() =>
        store.transaction(() => {
          store.settings.set('inner', 'gone');
          store.scim.insert('User', 'idp1', storedUser('u2', 'A@X'));
        }),
      ).toThrow(UniquenessViolation);
      store.scim.insert('User', 'idp1', storedUser('u3', 'c@x'));
    });
    expect(store.scim.all('User', 'idp1').map((u) => u.id)).toEqual(['u1', 'u3']);
    expect(store.settings.get('inner')).toBeUndefined();
  });

  it('return the function result, and refuse an async function', () => {
    expect(store.transaction(() => 42)).toBe(42);
    expect(() => store.transaction(() => Promise.resolve(1))).toThrow(/promise/);
  });
});

describe('sign-in state', () => {
  const session = (id: string, userName: string): StoredSession => ({
    id,
    tokenHash: `hash-${id}`,
    idpId: 'idp1',
    userName,
    deviceId: 'dev',
    createdAt: Date.now(),
    revokedAt: null,
    doc: { protocol: 'oidc' },
  });

  it('answers an assertion id once, a login code once, and finds sessions by user', () => {
    expect(store.auth.markAssertionUsed('a1', 'idp1', Date.now() + 1000)).toBe(true);
    expect(store.auth.markAssertionUsed('a1', 'idp1', Date.now() + 1000)).toBe(false);
    store.auth.putLoginCode('c1', 5, { n: 1 });
    expect(store.auth.takeLoginCode('c1')).toEqual({ expiresAt: 5, doc: { n: 1 } });
    expect(store.auth.takeLoginCode('c1')).toBeUndefined();
    store.auth.insertSession(session('s1', 'Ann@X'));
    store.auth.insertSession(session('s2', 'bob@x'));
    expect(store.auth.sessionsOfUser('idp1', 'ann@x').map((s) => s.userName)).toEqual(['Ann@X']);
    store.auth.updateSession({ ...session('s2', 'bob@x'), revokedAt: 7 });
    expect(store.auth.sessions().map((s) => s.id)).toEqual(['s1']);
    expect(store.auth.sessions({ includeRevoked: true, idpId: 'idp1' })).toHaveLength(2);
  });

  it('tells a transaction whether a user has a live session at its commit, where it can', () => {
    store.auth.insertSession(session('s1', 'Ann@X'));
    store.auth.insertSession({ ...session('s2', 'bob@x'), revokedAt: 7 });
    const live = (userName: string) => store.auth.liveSessionAtCommit('idp1', userName);
    expect(live('ann@x')).toBeUndefined(); // outside a transaction: it cannot promise
    const inside = store.transaction(() => [live('ANN@x'), live('bob@x'), live('cy@x')]);
    // PostgreSQL: another instance may sign a user in before the commit, so it never answers.
    expect(inside).toEqual(onPostgres() ? [undefined, undefined, undefined] : [true, false, false]);
  });
});

describe('logs, reports and timelines', () => {
  it('filters the sync log by a name fragment, ignoring ASCII case, % and _ taken literally', () => {
    const entry = (entityName: string) => ({
      idpId: 'idp1',
      at: 1,
      method: 'POST',
      path: '/Users',
      entityType: 'User' as const,
      entityName,
      idpEntityId: null,
      internalEntityId: null,
      status: 201,
      durationMs: 1.5,
      userAgent: null,
      scimType: null,
      detail: null,
      request: { a: 1 },
    });
    store.syncLog.append(['Ann@x', 'ann_b@x', '100%@x', 'bob@x'].map(entry));
    const names = (entityName: string) =>
      store.syncLog
        .query({ entityName, limit: 10, offset: 0 })
        .entries.map((e) => e.entityName)
        .sort();
    expect(names('ANN')).toEqual(['Ann@x', 'ann_b@x']);
    expect(names('n_')).toEqual(['ann_b@x']);
    expect(names('0%')).toEqual(['100%@x']);
    expect(store.syncLog.query({ limit: 1, offset: 0 })).toMatchObject({
      total: 4,
      entries: [{ entityName: 'bob@x', durationMs: 1.5, request: { a: 1 } }],
    });
  });

  it('keeps a report logs ZIP byte for byte', () => {
    const logs = Buffer.from([0, 1, 2, 250, 255]);
    store.issues.insert({ id: 'r1', createdAt: 1, userName: null, doc: { t: 1 }, logs });
    expect(store.issues.list(10, 0).reports[0]).toMatchObject({ id: 'r1', logsBytes: 5 });
    const back = store.issues.logs('r1')!;
    expect(Buffer.isBuffer(back)).toBe(true);
    expect([...back]).toEqual([...logs]);
  });

  it("reads a user's timeline with the records for everyone of the user's IdPs", () => {
    const rec = (userName: string | null, idpId: string | null, text: string, at: number) => ({
      at,
      userName,
      idpId,
      source: 'config' as const,
      code: null,
      text,
      error: false,
    });
    store.timeline.append([
      rec('ann@x', 'idp1', 'mine', 1),
      rec(null, 'idp1', 'my idp', 2),
      rec(null, 'idp2', 'other idp', 3),
      rec(null, null, 'everyone', 4),
      rec('bob@x', 'idp1', 'his', 5),
    ]);
    const q = { userName: 'ann@x', idpIds: ['idp1'], since: 0, until: 10, limit: 10 };
    expect(store.timeline.forUser(q).map((r) => r.text)).toEqual(['mine', 'my idp', 'everyone']);
    expect(store.timeline.knowsUser('bob@x')).toBe(true);
  });
});

describe('provisioning and directories', () => {
  const object = (id: string, name: string): ProvisioningObject => ({
    type: 'user',
    id,
    name,
    state: 'provisioned',
    scimId: null,
    pushed: null,
    message: null,
    lastResult: null,
    attempts: 0,
    retryAt: null,
    since: 1,
    updatedAt: 1,
  });

  it('lists push objects in insertion order, an update keeping the place', () => {
    for (const id of ['z', 'a', 'm']) store.provisioning.putObject('idp1', object(id, id));
    store.provisioning.putObject('idp1', { ...object('z', 'renamed') });
    expect(store.provisioning.objects('idp1').map((o) => [o.id, o.name])).toEqual([
      ['z', 'renamed'],
      ['a', 'a'],
      ['m', 'm'],
    ]);
  });

  it('sorts IdP ids by code point and filters the push log by document fields', () => {
    for (const id of ['b', 'B', 'a', '_']) store.provisioning.putSettings(id, {} as never);
    expect(store.provisioning.idpIds()).toEqual(['B', '_', 'a', 'b']);
    const line = (objectId: string, kind: 'request' | 'event') =>
      ({ at: 1, kind, objectType: 'user', objectId, operation: 'create' }) as never;
    store.provisioning.appendLog('idp1', [
      line('o1', 'request'),
      line('o2', 'event'),
      line('o1', 'event'),
    ]);
    expect(store.provisioning.log('idp1', { limit: 10, offset: 0, objectId: 'o1' }).total).toBe(2);
    expect(
      store.provisioning.log('idp1', { limit: 10, offset: 0, objectId: 'o1', kind: 'event' }).total,
    ).toBe(1);
  });

  it('keeps directory memberships once each, in the order added', () => {
    store.directory.upsert('idp1', {
      id: '00u1',
      userName: 'ann@x',
      groups: ['Sales', 'Ops'],
    } as never);
    store.directory.upsert('idp1', { id: '00u2', userName: 'bob@x', groups: ['Ops'] } as never);
    const ops = store.directory.groupByName('idp1', 'OPS')!;
    expect(store.directory.memberIds('idp1', ops.id)).toEqual(['00u1', '00u2']);
    expect(store.directory.addMember('idp1', ops.id, '00u1')).toBe(false);
    expect(() =>
      store.directory.insertUser('idp1', {
        ...store.directory.user('idp1', '00u2')!,
        id: '00u3',
        userName: 'ANN@x',
      }),
    ).toThrow(UniquenessViolation);
  });
});

describe('policy', () => {
  const rule = (id: string, name: string, ruleOrder: number): AccessRule => ({
    id,
    name,
    description: '',
    operator: 'AND',
    conditions: [],
    ruleOrder,
    createdAt: '',
    updatedAt: '',
    action: 'ALLOW',
    customMsg: null,
  });

  it('inserts rules at their place, refuses a taken name whatever its case, and reorders', () => {
    store.policy.insertRule('access', rule('r1', 'First', 1));
    store.policy.insertRule('access', rule('r2', 'Second', 1));
    expect(store.policy.rules('access').map((r) => [r.id, r.ruleOrder])).toEqual([
      ['r2', 1],
      ['r1', 2],
    ]);
    expect(() => store.policy.insertRule('access', rule('r3', 'FIRST', 1))).toThrow(
      UniquenessViolation,
    );
    expect(store.policy.countRules('access')).toBe(2);
    store.policy.reorder('access', ['r1', 'r2']);
    expect(store.policy.removeRule('access', 'r1')).toBe(true);
    expect(store.policy.rule('access', 'r2')!.ruleOrder).toBe(1);
    expect(store.policy.bumpVersion()).toBe(store.policy.version());
  });
});
