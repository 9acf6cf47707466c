import type { FastifyInstance } from 'fastify';
import { directoryRoutes as contract } from '../../../../shared/contract/cloud-api/admin-idp.js';
import { installAdminScope } from '../../http/admin-scope.js';
import { serveAll } from '../../http/route.js';
import type { DirectoryService } from './directory-service.js';

/**
 * Admin API of the bundled IdPs' directories, under /api/admin/idps/{id}/directory: users,
 * groups, memberships, assignments to the private-access application and Okta Push Groups.
 */
export async function directoryRoutes(
  app: FastifyInstance,
  opts: { directory: DirectoryService; adminTokenHash: string },
) {
  installAdminScope(app, opts.adminTokenHash);
  const dir = opts.directory;

  serveAll(app, contract, {
    listDirectoryUsers: ({ params, query }) =>
      dir.listUsers(params.id, { includeDeleted: query.includeDeleted }),
    createDirectoryUser: ({ params, body }) => dir.createUser(params.id, body),
    getDirectoryUser: ({ params }) => dir.getUser(params.id, params.userId),
    updateDirectoryUser: ({ params, body }) => dir.updateUser(params.id, params.userId, body),
    deactivateDirectoryUser: ({ params }) => dir.setUserActive(params.id, params.userId, false),
    reactivateDirectoryUser: ({ params }) => dir.setUserActive(params.id, params.userId, true),
    restoreDirectoryUser: ({ params }) => dir.restoreUser(params.id, params.userId),
    deleteDirectoryUser: ({ params, query }) =>
      dir.deleteUser(params.id, params.userId, { purge: query.purge }),

    listDirectoryGroups: ({ params }) => dir.listGroups(params.id),
    createDirectoryGroup: ({ params, body }) => dir.createGroup(params.id, body),
    getDirectoryGroup: ({ params }) => dir.getGroup(params.id, params.groupId),
    updateDirectoryGroup: ({ params, body }) => dir.updateGroup(params.id, params.groupId, body),
    deleteDirectoryGroup: ({ params }) => dir.deleteGroup(params.id, params.groupId),
    listGroupMembers: ({ params }) => dir.listMembers(params.id, params.groupId),
    addGroupMembers: ({ params, body }) => dir.addMembers(params.id, params.groupId, body.userIds),
    removeGroupMember: ({ params }) =>
      dir.removeMembers(params.id, params.groupId, [params.userId]),

    // Okta Push Groups
    pushGroup: ({ params }) => dir.setGroupPushed(params.id, params.groupId, true),
    unpushGroup: ({ params, body }) => dir.setGroupPushed(params.id, params.groupId, false, body),

    // Assignments to the private-access application
    listAssignments: ({ params }) => dir.assignments(params.id),
    assign: ({ params, body }) => {
      // Validate every id first, so one unknown id assigns nothing.
      for (const g of body.groupIds ?? []) dir.getGroup(params.id, g);
      for (const u of body.userIds ?? []) dir.getUser(params.id, u);
      if (body.userIds) dir.assignUsers(params.id, body.userIds, true);
      for (const g of body.groupIds ?? []) dir.assignGroup(params.id, g, true);
      return dir.assignments(params.id);
    },
    unassignUser: ({ params }) => {
      dir.assignUsers(params.id, [params.userId], false);
      return dir.assignments(params.id);
    },
    unassignGroup: ({ params }) => {
      dir.assignGroup(params.id, params.groupId, false);
      return dir.assignments(params.id);
    },
  });
}
