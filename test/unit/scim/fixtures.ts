import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP_SCHEMA,
  USER_SCHEMA,
} from '../../../electron/cloud/scim/schemas.js';
import type { ScimError, ScimType } from '../../../electron/cloud/scim/errors.js';
import { expect } from 'vitest';

export { ENTERPRISE_USER_SCHEMA as ENT, GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA };

/** A stored, canonical user as the service represents it (attributes + id + meta). */
export function babs(): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    id: '2819c223-7f76-453a-919d-413861904646',
    externalId: 'Ext-Babs',
    userName: 'Babs.Jensen@example.com',
    name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen' },
    displayName: 'Babs Jensen',
    title: 'Tour Guide',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    phoneNumbers: [{ value: '555-555-8377', type: 'work' }],
    addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood' }],
    [ENTERPRISE_USER_SCHEMA]: {
      employeeNumber: '701984',
      department: 'Tour Operations',
      // canonical stored form: no readOnly manager.displayName (resource.ts drops it)
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', $ref: '../Users/26118915' },
    },
    meta: {
      resourceType: 'User',
      created: '2024-01-23T04:56:22Z',
      lastModified: '2024-05-13T04:42:34Z',
      location: 'https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646',
      version: 'W/"3"',
    },
  };
}

export function jim(): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    id: 'a1b2',
    userName: 'jim',
    active: false,
    emails: [
      { value: 'jim@home.org', type: 'home' },
      { value: 'jim@example.com', type: 'other', primary: true },
    ],
    meta: {
      resourceType: 'User',
      created: '2023-06-01T00:00:00Z',
      lastModified: '2023-06-02T00:00:00Z',
    },
  };
}

export function admins(): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: 'g-1',
    externalId: 'okta-grp-1',
    displayName: 'Admins',
    members: [
      { value: 'u-1', type: 'User', display: 'Alice' },
      { value: 'u-2', type: 'User' },
      { value: 'g-9', type: 'Group' },
    ],
    meta: {
      resourceType: 'Group',
      created: '2024-01-01T00:00:00Z',
      lastModified: '2024-01-01T00:00:00Z',
    },
  };
}

export const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });

/** Runs `fn` and asserts it throws a ScimError with this status and scimType; returns it. */
export function expectScimError(fn: () => unknown, scimType: ScimType | undefined, status = 400) {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a ScimError').toBeDefined();
  const e = caught as ScimError;
  expect(e.name).toBe('ScimError');
  expect({ status: e.status, scimType: e.scimType }).toEqual({ status, scimType });
  return e;
}
