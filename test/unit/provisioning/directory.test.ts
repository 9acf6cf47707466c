import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdpService } from '../../../electron/cloud/idp-config/idp-service.js';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../../electron/cloud/events.js';
import {
  type DirectoryChange,
  DirectoryService,
} from '../../../electron/cloud/idp/directory/index.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';

function setup(vendor: 'okta' | 'entra' = 'okta') {
  const clock = new SimulatedClock(() => 1_700_000_000_000);
  const store = openSqliteStore(':memory:');
  const events = new CloudEvents();
  const idps = new IdpService(store, clock, events, () => 'http://x');
  const idp = idps.create({ name: 'T', protocol: 'saml', vendor });
  const dir = new DirectoryService(store, clock, events, idps);
  const changes: DirectoryChange[] = [];
  events.on('directory.changed', (c) => changes.push(c));
  const mk = (n: string) =>
    dir.createUser(idp.id, { userName: `${n}@x.example`, givenName: n, familyName: 'T' });
  return { store, clock, dir, idp, changes, mk };
}

describe('directory scope and events', () => {
  it('reports who entered and left the application scope, through either path', () => {
    const { dir, idp, changes, mk } = setup();
    const a = mk('a');
    const b = mk('b');
    const g = dir.createGroup(idp.id, { name: 'ZPA Users' });
    dir.addMembers(idp.id, g.id, [a.id, b.id]);
    expect(changes.at(-1)!.scope).toEqual({ entered: [], left: [] });
    dir.assignGroup(idp.id, g.id, true);
    expect(changes.at(-1)).toMatchObject({
      kind: 'assignment',
      scope: { entered: [a.id, b.id], left: [] },
    });
    dir.assignUsers(idp.id, [a.id], true);
    expect(changes.at(-1)!.scope).toEqual({ entered: [], left: [] });
    dir.assignGroup(idp.id, g.id, false);
    expect(changes.at(-1)!.scope).toEqual({ entered: [], left: [b.id] });
    expect(dir.getUser(idp.id, a.id).assignment).toMatchObject({ inScope: true, direct: true });
    expect(dir.getUser(idp.id, b.id).assignment.inScope).toBe(false);
    expect(dir.assignments(idp.id)).toMatchObject({ inScopeCount: 1, groups: [] });
  });

  it('keeps the sign-in view: list() has group names, assigned, and no soft-deleted users', () => {
    const { store, dir, idp, mk } = setup('entra');
    const a = mk('a');
    const b = mk('b');
    const g = dir.createGroup(idp.id, { name: 'Sales' });
    dir.addMembers(idp.id, g.id, [a.id]);
    dir.assignUsers(idp.id, [a.id], true);
    dir.deleteUser(idp.id, b.id); // Entra: soft delete
    const listed = store.directory.list(idp.id);
    expect(listed.map((u) => u.userName)).toEqual(['a@x.example']);
    expect(listed[0]).toMatchObject({ groups: ['Sales'], assigned: true, active: true });
    expect(dir.getUser(idp.id, b.id).status).toBe('deleted');
    dir.restoreUser(idp.id, b.id);
    expect(store.directory.count(idp.id)).toBe(2);
    dir.deleteUser(idp.id, b.id, { purge: true });
    expect(store.directory.user(idp.id, b.id)).toBeUndefined();
  });

  it('refuses duplicates, unknown ids, and Okta deletes of active users', () => {
    const { dir, idp, mk } = setup();
    const a = mk('a');
    expect(() => mk('a')).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'user_exists' }),
    );
    expect(() => dir.assignUsers(idp.id, ['nope'], true)).toThrow(
      expect.objectContaining({ kind: 'not_found' }),
    );
    expect(() => dir.deleteUser(idp.id, a.id)).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'user_active' }),
    );
    dir.createGroup(idp.id, { name: 'G' });
    expect(() => dir.createGroup(idp.id, { name: 'g' })).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'group_exists' }),
    );
  });
});

describe('directory store', () => {
  it('upgrades users written by the first seed (group names and ISO assignedAt in the document)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'directory-'));
    const file = join(dir, 'cloud.db');
    try {
      await openSqliteStore(file).close();
      const db = new Database(file);
      db.prepare(
        'INSERT INTO directory_users (idp_id, id, user_name_lc, doc) VALUES (?, ?, ?, ?)',
      ).run(
        'idp1',
        '00uold',
        'old@acme.example',
        JSON.stringify({
          id: '00uold',
          userName: 'old@acme.example',
          givenName: 'Old',
          familyName: 'Seed',
          groups: ['Engineering', 'ZPA Users'],
          displayName: 'Old Seed',
          email: 'old@acme.example',
          active: true,
          assigned: true,
          assignedAt: '2026-01-01T00:00:00.000Z',
          password: 'scrypt$x$y',
        }),
      );
      db.close();
      const store = openSqliteStore(file);
      const [u] = store.directory.list('idp1');
      expect(u).toMatchObject({
        userName: 'old@acme.example',
        groups: ['Engineering', 'ZPA Users'],
        assigned: true,
        assignedAt: Date.parse('2026-01-01T00:00:00.000Z'),
        password: 'scrypt$x$y',
      });
      expect(store.directory.groups('idp1').map((g) => g.name)).toEqual([
        'Engineering',
        'ZPA Users',
      ]);
      await store.close();
      // Idempotent: a second open changes nothing.
      const again = openSqliteStore(file);
      expect(again.directory.list('idp1')).toHaveLength(1);
      expect(again.directory.groups('idp1')).toHaveLength(2);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
