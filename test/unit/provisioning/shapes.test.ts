import { describe, expect, it } from 'vitest';
import {
  entraMemberOps,
  entraUserOps,
  oktaGroupMemberOps,
  oktaGroupNameOps,
  oktaPutBody,
  profileOf,
  type PushedUser,
} from '../../../electron/cloud/idp/provisioning/shapes.js';
import type { DirectoryUserRecord } from '../../../electron/cloud/store/types.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user: DirectoryUserRecord = {
  id: '00ualice',
  userName: 'alice@acme.example',
  givenName: 'Alice',
  familyName: 'Anders',
  displayName: 'Alice Anders',
  email: 'alice@acme.example',
  department: 'Engineering',
  active: true,
  assignedAt: 1,
  createdAt: 1,
  updatedAt: 1,
  deletedAt: null,
};
const pushed: PushedUser = { ...profileOf(user), active: true };

describe('Entra ID PATCH shapes', () => {
  it('without aadOptscim062020: capitalised, one Replace per path, "False" as a string', () => {
    expect(entraUserOps(pushed, { ...pushed, active: false }, false)).toEqual([
      { op: 'Replace', path: 'active', value: 'False' },
    ]);
    expect(
      entraUserOps(
        pushed,
        { ...pushed, familyName: 'Vance', department: 'Retail', title: 'X' },
        false,
      ),
    ).toEqual([
      { op: 'Replace', path: 'name.familyName', value: 'Vance' },
      { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Retail' },
      { op: 'Replace', path: 'title', value: 'X' },
      { op: 'Replace', path: 'name.formatted', value: 'Alice Vance' },
    ]);
    expect(entraMemberOps(['a'], ['b', 'c'], false)).toEqual([
      { op: 'Add', path: 'members', value: [{ value: 'a' }] },
      { op: 'Remove', path: 'members', value: [{ value: 'b' }, { value: 'c' }] },
    ]);
  });

  it('with aadOptscim062020: lowercase, a value-object replace, real booleans, filtered removal', () => {
    expect(entraUserOps(pushed, { ...pushed, active: false, displayName: 'A' }, true)).toEqual([
      { op: 'replace', value: { displayName: 'A', active: false } },
    ]);
    expect(entraMemberOps([], ['b'], true)).toEqual([
      { op: 'remove', path: 'members[value eq "b"]' },
    ]);
  });
});

describe('Okta shapes', () => {
  it('the name replace is a PATCH of its own; a membership PATCH removes first, then adds', () => {
    expect(oktaGroupNameOps('g1', 'Engineering')).toEqual([
      { op: 'replace', value: { id: 'g1', displayName: 'Engineering' } },
    ]);
    expect(oktaGroupMemberOps([{ value: 'u1', display: 'a@x' }], ['u2', 'u3'])).toEqual([
      { op: 'remove', path: 'members[value eq "u2"]' },
      { op: 'remove', path: 'members[value eq "u3"]' },
      { op: 'add', path: 'members', value: [{ value: 'u1', display: 'a@x' }] },
    ]);
  });

  it('the profile PUT is the resource read, with Okta attributes written over it', () => {
    const current = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: 'scim-1',
      userName: 'alice@acme.example',
      name: { givenName: 'Al', familyName: 'Anders', formatted: 'Al Anders' },
      nickName: 'Ally',
      groups: [{ value: 'g' }],
      meta: { resourceType: 'User' },
      active: true,
    };
    const body = oktaPutBody(current, user, profileOf({ ...user, title: 'CTO' }), true);
    expect(body).toMatchObject({
      id: 'scim-1',
      nickName: 'Ally',
      name: { givenName: 'Alice', familyName: 'Anders', formatted: 'Al Anders' },
      title: 'CTO',
      externalId: '00ualice',
      [ENTERPRISE]: { department: 'Engineering' },
    });
    expect(body.schemas).toContain(ENTERPRISE);
    expect(body).not.toHaveProperty('meta');
    expect(body).not.toHaveProperty('groups');
  });
});
