/**
 * A group's members are written as a difference when a PATCH adds or removes some (Okta's Push
 * Groups sends them 100 to a PATCH): only newcomers are looked up and inserted, the rest of the
 * list is left as stored. A list that reorders the members it keeps is rewritten in its order.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloudEvents } from '../../../electron/cloud/events.js';
import { ScimService } from '../../../electron/cloud/scim/service.js';
import { appendOnlyDiff } from '../../../electron/cloud/store/sqlite-scim-store.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';

const target = { idpId: 'idp-1', baseUrl: 'http://127.0.0.1/scim/v2' };
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

describe('appendOnlyDiff', () => {
  const m = (...ids: string[]) => ids.map((value) => ({ value }));
  it('deletes what left and appends what came', () => {
    expect(appendOnlyDiff(['a', 'b', 'c'], m('a', 'c', 'd'))).toEqual({
      removed: ['b'],
      added: m('d'),
    });
    expect(appendOnlyDiff([], m('a'))).toEqual({ removed: [], added: m('a') });
    expect(appendOnlyDiff(['a'], [])).toEqual({ removed: ['a'], added: [] });
  });
  it('gives up when the kept members change order or a newcomer comes before them', () => {
    expect(appendOnlyDiff(['a', 'b'], m('b', 'a'))).toBeNull();
    expect(appendOnlyDiff(['a', 'b'], m('d', 'a', 'b'))).toBeNull();
  });
});

describe('group members written as a difference', () => {
  let store: Store;
  let scim: ScimService;
  const note = () => ({});
  const user = async (n: number) =>
    (await scim.create('User', target, { schemas: [USER], userName: `u${n}@example.com` }, note()))
      .resource.id as string;
  const ids = (groupId: string) => store.scim.memberRefs(target.idpId, groupId).map((r) => r.value);

  beforeEach(() => {
    store = openSqliteStore(':memory:');
    scim = new ScimService(store, { now: () => Date.now() }, new CloudEvents());
  });
  afterEach(async () => store.close());

  it('looks up only the members a PATCH adds, and keeps the order', async () => {
    const users: string[] = [];
    for (let i = 0; i < 30; i++) users.push(await user(i));
    const { resource: group } = await scim.create(
      'Group',
      target,
      {
        schemas: [GROUP],
        displayName: 'G',
        members: users.slice(0, 25).map((value) => ({ value })),
      },
      note(),
    );
    const get = vi.spyOn(store.scim, 'get');
    await scim.patch(
      'Group',
      target,
      group.id as string,
      {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'add', path: 'members', value: users.slice(25).map((value) => ({ value })) },
          { op: 'remove', path: `members[value eq "${users[3]}"]` },
        ],
      },
      {},
      note(),
    );
    const memberLookups = get.mock.calls.filter(
      ([type, , id]) => type === 'User' && users.slice(0, 25).includes(id),
    );
    // The users already in the group are read again only to give them a new version (touch):
    // none of them is, so none is looked up.
    expect(memberLookups).toEqual([['User', target.idpId, users[3]]]);
    expect(ids(group.id as string)).toEqual([
      ...users.slice(0, 3),
      ...users.slice(4, 25),
      ...users.slice(25),
    ]);
  });

  it('still refuses an existing member declared as the wrong type', async () => {
    const u = await user(1);
    const { resource: group } = await scim.create(
      'Group',
      target,
      { schemas: [GROUP], displayName: 'G', members: [{ value: u }] },
      note(),
    );
    await expect(
      scim.replace(
        'Group',
        target,
        group.id as string,
        { schemas: [GROUP], displayName: 'G', members: [{ value: u, type: 'Group' }] },
        {},
        note(),
      ),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('rewrites a list that reorders its members, in the new order', async () => {
    const [a, b, c] = [await user(1), await user(2), await user(3)];
    const { resource: group } = await scim.create(
      'Group',
      target,
      { schemas: [GROUP], displayName: 'G', members: [{ value: a }, { value: b }] },
      note(),
    );
    await scim.replace(
      'Group',
      target,
      group.id as string,
      { schemas: [GROUP], displayName: 'G', members: [{ value: c }, { value: b }, { value: a }] },
      {},
      note(),
    );
    expect(ids(group.id as string)).toEqual([c, b, a]);
  });
});
