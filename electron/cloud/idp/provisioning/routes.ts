import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { installAdminScope } from '../../http/admin-scope.js';
import { contextOf, parseInput, type ContextOptions } from '../admin-input.js';
import { provisioningServiceFor } from './provisioning-service.js';

type Params = { id: string; userId?: string };
type Req = FastifyRequest<{ Params: Params }>;

const url = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');
const token = z.string().trim().min(1).max(4096);

const configSchema = z
  .object({
    enabled: z.boolean(),
    baseUrl: url.nullable().optional(),
    token: token.optional(),
    vendorOptions: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const testSchema = z.object({ baseUrl: url.optional(), token: token.optional() }).strict();

const logQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
    objectId: z.string().max(64).optional(),
    kind: z.enum(['request', 'event']).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * Admin API of the IdPs' SCIM push clients, under /api/admin/idps/:id/provisioning: the
 * configuration (Base URL and token as pasted from the cloud; the token is never returned),
 * test connection, Provision User / provision on demand, restart, status and log.
 * Register without a prefix: `app.register(provisioningRoutes, { ctx })`.
 */
export async function provisioningRoutes(app: FastifyInstance, opts: ContextOptions) {
  const ctx = contextOf(opts);
  installAdminScope(app, ctx.adminTokenHash);
  const prov = provisioningServiceFor(ctx);
  const base = '/api/admin/idps/:id/provisioning';

  app.get(base, async (req: Req) => prov.config(req.params.id));
  app.put(base, async (req: Req) => {
    prov.idps.get(req.params.id);
    return prov.configure(req.params.id, parseInput(configSchema, req.body));
  });
  app.post(`${base}/test-connection`, async (req: Req) => {
    prov.idps.get(req.params.id);
    return prov.testConnection(req.params.id, parseInput(testSchema, req.body));
  });
  app.post(`${base}/users/:userId/provision`, async (req: Req) =>
    prov.provisionUser(req.params.id, req.params.userId!),
  );
  app.post(`${base}/restart`, async (req: Req) => prov.restart(req.params.id));
  app.get(`${base}/status`, async (req: Req) => prov.status(req.params.id));
  app.get(`${base}/log`, async (req: Req) => {
    const q = parseInput(logQuery, req.query);
    return prov.log(req.params.id, {
      ...q,
      since: q.since !== undefined ? Date.parse(q.since) : undefined,
    });
  });
}
