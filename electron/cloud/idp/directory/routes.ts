import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { installAdminScope } from '../../http/admin-scope.js';
import { contextOf, parseInput, type ContextOptions } from '../admin-input.js';
import { directoryServiceFor } from './directory-service.js';

type Params = { id: string; userId?: string; groupId?: string };
type Req = FastifyRequest<{ Params: Params }>;

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

/**
 * Admin API of the bundled IdPs' directories, under /api/admin/idps/:id/directory: users,
 * groups, memberships, assignments to the private-access application and Okta Push Groups.
 * Register without a prefix: `app.register(directoryRoutes, { ctx })`.
 */
export async function directoryRoutes(app: FastifyInstance, opts: ContextOptions) {
  const ctx = contextOf(opts);
  installAdminScope(app, ctx.adminTokenHash);
  const dir = directoryServiceFor(ctx);
  const base = '/api/admin/idps/:id/directory';

  // Users
  app.get(`${base}/users`, async (req: Req) => {
    const q = parseInput(listUsersQuery, req.query);
    return dir.listUsers(req.params.id, { includeDeleted: q.includeDeleted });
  });
  app.post(`${base}/users`, async (req: Req, reply) =>
    reply.code(201).send(dir.createUser(req.params.id, parseInput(createUserSchema, req.body))),
  );
  app.get(`${base}/users/:userId`, async (req: Req) =>
    dir.getUser(req.params.id, req.params.userId!),
  );
  app.patch(`${base}/users/:userId`, async (req: Req) =>
    dir.updateUser(req.params.id, req.params.userId!, parseInput(patchUserSchema, req.body)),
  );
  app.post(`${base}/users/:userId/deactivate`, async (req: Req) =>
    dir.setUserActive(req.params.id, req.params.userId!, false),
  );
  app.post(`${base}/users/:userId/reactivate`, async (req: Req) =>
    dir.setUserActive(req.params.id, req.params.userId!, true),
  );
  app.post(`${base}/users/:userId/restore`, async (req: Req) =>
    dir.restoreUser(req.params.id, req.params.userId!),
  );
  app.delete(`${base}/users/:userId`, async (req: Req, reply) => {
    const q = parseInput(deleteUserQuery, req.query);
    dir.deleteUser(req.params.id, req.params.userId!, { purge: q.purge });
    return reply.code(204).send();
  });

  // Groups and memberships
  app.get(`${base}/groups`, async (req: Req) => dir.listGroups(req.params.id));
  app.post(`${base}/groups`, async (req: Req, reply) =>
    reply.code(201).send(dir.createGroup(req.params.id, parseInput(createGroupSchema, req.body))),
  );
  app.get(`${base}/groups/:groupId`, async (req: Req) =>
    dir.getGroup(req.params.id, req.params.groupId!),
  );
  app.patch(`${base}/groups/:groupId`, async (req: Req) =>
    dir.updateGroup(req.params.id, req.params.groupId!, parseInput(patchGroupSchema, req.body)),
  );
  app.delete(`${base}/groups/:groupId`, async (req: Req, reply) => {
    dir.deleteGroup(req.params.id, req.params.groupId!);
    return reply.code(204).send();
  });
  app.get(`${base}/groups/:groupId/members`, async (req: Req) =>
    dir.listMembers(req.params.id, req.params.groupId!),
  );
  app.post(`${base}/groups/:groupId/members`, async (req: Req) =>
    dir.addMembers(req.params.id, req.params.groupId!, parseInput(membersSchema, req.body).userIds),
  );
  app.delete(`${base}/groups/:groupId/members/:userId`, async (req: Req) =>
    dir.removeMembers(req.params.id, req.params.groupId!, [req.params.userId!]),
  );

  // Okta Push Groups
  app.post(`${base}/groups/:groupId/push`, async (req: Req) =>
    dir.setGroupPushed(req.params.id, req.params.groupId!, true),
  );
  app.post(`${base}/groups/:groupId/unpush`, async (req: Req) => {
    const body = parseInput(unpushSchema, req.body);
    return dir.setGroupPushed(req.params.id, req.params.groupId!, false, body);
  });

  // Assignments to the private-access application
  app.get(`${base}/assignments`, async (req: Req) => dir.assignments(req.params.id));
  app.post(`${base}/assignments`, async (req: Req) => {
    const body = parseInput(assignSchema, req.body);
    // Validate every id first, so one unknown id assigns nothing.
    for (const g of body.groupIds ?? []) dir.getGroup(req.params.id, g);
    for (const u of body.userIds ?? []) dir.getUser(req.params.id, u);
    if (body.userIds) dir.assignUsers(req.params.id, body.userIds, true);
    for (const g of body.groupIds ?? []) dir.assignGroup(req.params.id, g, true);
    return dir.assignments(req.params.id);
  });
  app.delete(`${base}/assignments/users/:userId`, async (req: Req) => {
    dir.assignUsers(req.params.id, [req.params.userId!], false);
    return dir.assignments(req.params.id);
  });
  app.delete(`${base}/assignments/groups/:groupId`, async (req: Req) => {
    dir.assignGroup(req.params.id, req.params.groupId!, false);
    return dir.assignments(req.params.id);
  });
}
