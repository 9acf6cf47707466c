/** The synthetic organisation the policy benchmark decides for: departments, teams, SCIM groups. */
import type { Store } from '../../../electron/cloud/store/types.js';

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** The pool's SCIM group of that name (the rules' SCIM_GROUP criteria hold this id). */
export const scimGroupId = (name: string) => `grp-${name}`;
export const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Finance',
  'HR',
  'Marketing',
  'Support',
  'Legal',
  'Operations',
  'IT',
  'Research',
];
export const TITLES = ['Engineer', 'Manager', 'Director', 'Analyst', 'Specialist', 'Architect'];
export const USER_TYPES = ['Employee', 'Employee', 'Employee', 'Employee', 'Contractor', 'Intern'];
export const TEAMS = Array.from({ length: 50 }, (_, i) => `Team-${String(i + 1).padStart(2, '0')}`);
export const SCIM_GROUP_NAMES = [...TEAMS, ...DEPARTMENTS];
export const PLATFORMS = ['windows', 'windows', 'mac', 'mac', 'linux'] as const;
export const DAY = 86_400_000;

/** Okta's SCIM groups, one per team and department: pushed before the rules name them by id. */
export function insertScimGroups(store: Store, oktaId: string, now: number) {
  for (const name of SCIM_GROUP_NAMES) {
    store.scim.insert('Group', oktaId, {
      id: scimGroupId(name),
      name,
      externalId: null,
      active: true,
      version: 1,
      created: now,
      lastModified: now,
      attributes: { displayName: name },
    });
  }
}
