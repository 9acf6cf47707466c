/**
 * The admin API of the bundled IdPs (/api/admin/idps/{id}/...): their directories (users,
 * groups, memberships, assignments, Okta Push Groups) and the SAML IdPs' settings and
 * certificate rotation. Their SCIM push clients (provisioning) are in admin-provisioning.ts.
 */
import { z } from '../zod.js';
import { assignmentsView, directoryGroupView, directoryUserView } from './directory-views.js';
import { routes } from './route.js';
import { NAME_ID_KINDS, samlIdpSettingsView } from './saml-idp-views.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const userName = z
  .string()
  .trim()
  .max(256)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address (user@domain)');
const password = z.string().min(8, 'must be at least 8 characters').max(256);
const ids = z.array(z.string().min(1).max(64)).min(1).max(100_000);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const createUserSchema = z
  .object({
    userName,
    givenName: text(128),
    familyName: text(128),
    displayName: text(256).optional(),
    email: userName.optional(),
    department: text(128).optional(),
    title: text(128).optional(),
    active: z.boolean().optional(),
    password,
  })
  .strict();

const patchUserSchema = z
  .object({
    userName,
    givenName: text(128),
    familyName: text(128),
    displayName: text(256),
    email: userName,
    department: text(128).nullable(),
    title: text(128).nullable(),
    password,
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

const createGroupSchema = z
  .object({ name: text(128), description: z.string().max(1024).optional() })
  .strict();
const patchGroupSchema = z
  .object({ name: text(128), description: z.string().max(1024) })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give name or description');
const membersSchema = z.object({ userIds: ids }).strict();
const assignSchema = z
  .object({ userIds: ids.optional(), groupIds: ids.optional() })
  .strict()
  .refine((b) => b.userIds !== undefined || b.groupIds !== undefined, 'give userIds or groupIds');
const unpushSchema = z.object({ deleteInTarget: z.boolean().optional() }).strict();
const listUsersQuery = z.object({ includeDeleted: flag.optional() }).strict();
const deleteUserQuery = z.object({ purge: flag.optional() }).strict();

const id = z.string().min(1).max(256);
export const idpParams = z.object({ id }).strict();
export const userParams = z.object({ id, userId: id }).strict();
const groupParams = z.object({ id, groupId: id }).strict();
const memberParams = z.object({ id, groupId: id, userId: id }).strict();

const DIR = '/api/admin/idps/{id}/directory';

export const directoryRoutes = routes({
  listDirectoryUsers: {
    method: 'GET',
    path: `${DIR}/users`,
    auth: 'admin',
    summary: "The IdP's own directory users (no passwords)",
    params: idpParams,
    query: listUsersQuery,
    response: z.array(directoryUserView),
  },
  createDirectoryUser: {
    method: 'POST',
    path: `${DIR}/users`,
    auth: 'admin',
    summary: 'Create a directory user',
    status: 201,
    params: idpParams,
    body: createUserSchema,
    response: directoryUserView,
  },
  getDirectoryUser: {
    method: 'GET',
    path: `${DIR}/users/{userId}`,
    auth: 'admin',
    summary: 'One directory user',
    params: userParams,
    response: directoryUserView,
  },
  updateDirectoryUser: {
    method: 'PATCH',
    path: `${DIR}/users/{userId}`,
    auth: 'admin',
    summary: 'Change a directory user',
    params: userParams,
    body: patchUserSchema,
    response: directoryUserView,
  },
  deactivateDirectoryUser: {
    method: 'POST',
    path: `${DIR}/users/{userId}/deactivate`,
    auth: 'admin',
    summary: 'Deactivate a directory user',
    params: userParams,
    response: directoryUserView,
  },
  reactivateDirectoryUser: {
    method: 'POST',
    path: `${DIR}/users/{userId}/reactivate`,
    auth: 'admin',
    summary: 'Reactivate a directory user',
    params: userParams,
    response: directoryUserView,
  },
  restoreDirectoryUser: {
    method: 'POST',
    path: `${DIR}/users/{userId}/restore`,
    auth: 'admin',
    summary: 'Restore a deleted directory user',
    params: userParams,
    response: directoryUserView,
  },
  deleteDirectoryUser: {
    method: 'DELETE',
    path: `${DIR}/users/{userId}`,
    auth: 'admin',
    summary: 'Delete a directory user (purge=true removes it for good)',
    status: 204,
    params: userParams,
    query: deleteUserQuery,
  },
  listDirectoryGroups: {
    method: 'GET',
    path: `${DIR}/groups`,
    auth: 'admin',
    summary: 'Directory groups',
    params: idpParams,
    response: z.array(directoryGroupView),
  },
  createDirectoryGroup: {
    method: 'POST',
    path: `${DIR}/groups`,
    auth: 'admin',
    summary: 'Create a directory group',
    status: 201,
    params: idpParams,
    body: createGroupSchema,
    response: directoryGroupView,
  },
  getDirectoryGroup: {
    method: 'GET',
    path: `${DIR}/groups/{groupId}`,
    auth: 'admin',
    summary: 'One directory group',
    params: groupParams,
    response: directoryGroupView,
  },
  updateDirectoryGroup: {
    method: 'PATCH',
    path: `${DIR}/groups/{groupId}`,
    auth: 'admin',
    summary: 'Change a directory group',
    params: groupParams,
    body: patchGroupSchema,
    response: directoryGroupView,
  },
  deleteDirectoryGroup: {
    method: 'DELETE',
    path: `${DIR}/groups/{groupId}`,
    auth: 'admin',
    summary: 'Delete a directory group',
    status: 204,
    params: groupParams,
  },
  listGroupMembers: {
    method: 'GET',
    path: `${DIR}/groups/{groupId}/members`,
    auth: 'admin',
    summary: "A group's members",
    params: groupParams,
    response: z.array(directoryUserView),
  },
  addGroupMembers: {
    method: 'POST',
    path: `${DIR}/groups/{groupId}/members`,
    auth: 'admin',
    summary: 'Add members to a group',
    params: groupParams,
    body: membersSchema,
    response: directoryGroupView,
  },
  removeGroupMember: {
    method: 'DELETE',
    path: `${DIR}/groups/{groupId}/members/{userId}`,
    auth: 'admin',
    summary: 'Remove a member from a group',
    params: memberParams,
    response: directoryGroupView,
  },
  pushGroup: {
    method: 'POST',
    path: `${DIR}/groups/{groupId}/push`,
    auth: 'admin',
    summary: 'Okta Push Groups: push a group',
    params: groupParams,
    response: directoryGroupView,
  },
  unpushGroup: {
    method: 'POST',
    path: `${DIR}/groups/{groupId}/unpush`,
    auth: 'admin',
    summary: 'Okta Push Groups: stop pushing a group',
    params: groupParams,
    body: unpushSchema,
    response: directoryGroupView,
  },
  listAssignments: {
    method: 'GET',
    path: `${DIR}/assignments`,
    auth: 'admin',
    summary: 'Assignments to the private-access application',
    params: idpParams,
    response: assignmentsView,
  },
  assign: {
    method: 'POST',
    path: `${DIR}/assignments`,
    auth: 'admin',
    summary: 'Assign users and groups to the private-access application',
    params: idpParams,
    body: assignSchema,
    response: assignmentsView,
  },
  unassignUser: {
    method: 'DELETE',
    path: `${DIR}/assignments/users/{userId}`,
    auth: 'admin',
    summary: 'Unassign a user',
    params: userParams,
    response: assignmentsView,
  },
  unassignGroup: {
    method: 'DELETE',
    path: `${DIR}/assignments/groups/{groupId}`,
    auth: 'admin',
    summary: 'Unassign a group',
    params: groupParams,
    response: assignmentsView,
  },
});

export const samlIdpRoutes = routes({
  samlIdpSettings: {
    method: 'GET',
    path: '/api/admin/idps/{id}/saml',
    auth: 'admin',
    summary: 'What to configure on each side of a bundled SAML IdP',
    params: idpParams,
    response: samlIdpSettingsView,
  },
  rotateSamlCertificate: {
    method: 'POST',
    path: '/api/admin/idps/{id}/saml/rotate-certificate',
    auth: 'admin',
    summary: "Rotate the SAML IdP's signing certificate",
    params: idpParams,
    response: samlIdpSettingsView.extend({ previousFingerprintSha256: z.string() }),
  },
  replaceSamlIdp: {
    method: 'POST',
    path: '/api/admin/idps/{id}/saml/replace',
    auth: 'admin',
    summary:
      'Change the IdP behind this configuration (new entity keys and certificate); the new IdP sends the same NameID as the old one or a different one (sign-in name or first.last address)',
    params: idpParams,
    body: z.object({ nameId: z.enum(['same', 'different']) }).strict(),
    response: samlIdpSettingsView.extend({ nameIdKind: z.enum(NAME_ID_KINDS) }),
  },
  setSamlIdpClock: {
    method: 'PUT',
    path: '/api/admin/idps/{id}/saml/clock',
    auth: 'admin',
    summary: "Set how far the SAML IdP's clock is off the cloud's (a host without NTP); 0 fixes it",
    params: idpParams,
    body: z.object({ skewSeconds: z.number().int().min(-86_400).max(86_400) }).strict(),
    response: samlIdpSettingsView,
  },
});
