/**
 * A POST answers with the resource as a GET then reads it. A new user's groups are not read
 * (service.ts, create: no group can name a user before it exists), so its representation must
 * still be what a read gives, also when groups and users are created in one group commit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudEvents } from '../../../electron/cloud/events.js';
import { ScimService } from '../../../electron/cloud/scim/service.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';

const target = { idpId: 'idp-1', baseUrl: 'http://127.0.0.1/scim/v2' };
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

describe('a created resource', () => {
  let store: Store;
  let scim: ScimService;
  const note = () => ({});
  const createUser = (n: number) =>
    scim.create('User', target, { schemas: [USER], userName: `u${n}@example.com` }, note());
  const read = (type: 'User' | 'Group', id: string) => scim.get(type, target, id, note());

  beforeEach(() => {
    store = openSqliteStore(':memory:');
    scim = new ScimService(store, { now: () => Date.now() }, new CloudEvents());
  });
  afterEach(async () => store.close());

  it('is answered as a read gives it, users and groups created in one commit', async () => {
    const members = await Promise.all([createUser(0), createUser(1)]);
    const memberIds = members.map((m) => ({ value: m.resource.id }));
    // One turn of the event loop: a group naming existing users and new users share a commit.
    const created = await Promise.all([
      scim.create(
        'Group',
        target,
        { schemas: [GROUP], displayName: 'G', members: memberIds },
        note(),
      ),
      createUser(2),
      createUser(3),
    ]);
    const [group, ...users] = created;
    expect(group.resource.members).toHaveLength(2);
    for (const u of users) {
      expect(u.resource.groups).toEqual([]);
      expect(u).toEqual(read('User', u.resource.id));
    }
    expect(group).toEqual(read('Group', group.resource.id));
    // The members' own groups are read (they are in G now), and their ETags moved.
    expect(read('User', members[0]!.resource.id).resource.groups).toEqual([
      { value: group.resource.id, display: 'G', type: 'direct' },
    ]);
  });
});
