/**
 * A bundled IdP's directory as its admin API answers it: users (never a password hash), groups
 * and the assignments to the private-access application. The one source of these shapes: the
 * directory service (electron/cloud/idp/directory/types.ts) and the console derive them.
 */
import { z } from '../zod.js';
import { isoDateTime } from './session.js';

export const groupRef = z.object({ id: z.string(), name: z.string() });

export const directoryUserView = z.object({
  id: z.string(),
  userName: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  displayName: z.string(),
  email: z.string(),
  department: z.string().nullable(),
  title: z.string().nullable(),
  status: z.enum(['active', 'deactivated', 'deleted']),
  active: z.boolean(),
  passwordSet: z.boolean(),
  groups: z.array(groupRef),
  assignment: z.object({
    /** Assigned directly or through an assigned group (and not deleted). */
    inScope: z.boolean(),
    direct: z.boolean(),
    directAssignedAt: isoDateTime.nullable(),
    viaGroups: z.array(groupRef.extend({ assignedAt: isoDateTime })),
  }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  deletedAt: isoDateTime.nullable(),
});

export const directoryGroupView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  memberCount: z.number().int(),
  assigned: z.boolean(),
  assignedAt: isoDateTime.nullable(),
  /** Okta Push Groups. */
  pushed: z.boolean(),
  pushedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const assignmentsView = z.object({
  users: z.array(z.object({ id: z.string(), userName: z.string(), assignedAt: isoDateTime })),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      assignedAt: isoDateTime,
      memberCount: z.number().int(),
    }),
  ),
  /** Users in scope through either path. */
  inScopeCount: z.number().int(),
});
