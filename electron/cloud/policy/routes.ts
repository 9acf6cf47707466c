import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PolicyType } from '../../../shared/model/policy.js';
import { installAdminScope } from '../http/admin-scope.js';
import type { CloudContext } from '../context.js';
import { evaluateSchema } from '../../../shared/contract/cloud-api/policy-input.js';
import { parseInput } from '../http/parse-input.js';
import { policyServiceFor } from './service.js';

type Req = FastifyRequest<{ Params: { id: string; type: PolicyType } }>;

/** The parts of the cloud context the policy routes use. */
export type PolicyRouteContext = Pick<
  CloudContext,
  'store' | 'clock' | 'events' | 'idps' | 'adminTokenHash'
>;

/** The admin plugins take the cloud context itself or `{ ctx }` as their Fastify options. */
export type PolicyRouteOptions = PolicyRouteContext | { ctx: PolicyRouteContext };

/**
 * Admin API of the policy engine, under /api/admin (bearer admin token, errors as
 * `{ error: { code, message } }`). Register without a prefix: `app.register(policyAdminRoutes, { ctx })`.
 *
 * - /segment-groups, /segments: list, create (201), get, PATCH, DELETE (204; 409 while in use);
 * - /policies/{access|forwarding|timeout}: the rules in order, create (201; `ruleOrder` inserts
 *   at a position, default last), get, PATCH (`ruleOrder` moves), DELETE (204), and
 *   POST .../reorder `{ ruleIds }` with every id of the set in the new order;
 * - GET /policies: version, limits, counts and defaults; POST /policies/evaluate: what-if
 *   decision (with trace) for a session-like subject and a request.
 */
export async function policyAdminRoutes(app: FastifyInstance, opts: PolicyRouteOptions) {
  const ctx = 'ctx' in opts ? opts.ctx : opts;
  installAdminScope(app, ctx.adminTokenHash);
  const policy = policyServiceFor(ctx);
  const base = '/api/admin';

  app.get(`${base}/segment-groups`, async () => policy.listSegmentGroups());
  app.post(`${base}/segment-groups`, async (req, reply) =>
    reply.code(201).send(policy.createSegmentGroup(req.body)),
  );
  app.get(`${base}/segment-groups/:id`, async (req: Req) => policy.getSegmentGroup(req.params.id));
  app.patch(`${base}/segment-groups/:id`, async (req: Req) =>
    policy.updateSegmentGroup(req.params.id, req.body),
  );
  app.delete(`${base}/segment-groups/:id`, async (req: Req, reply) => {
    policy.removeSegmentGroup(req.params.id);
    return reply.code(204).send();
  });

  app.get(`${base}/segments`, async () => policy.listSegments());
  app.post(`${base}/segments`, async (req, reply) =>
    reply.code(201).send(policy.createSegment(req.body)),
  );
  app.get(`${base}/segments/:id`, async (req: Req) => policy.getSegment(req.params.id));
  app.patch(`${base}/segments/:id`, async (req: Req) =>
    policy.updateSegment(req.params.id, req.body),
  );
  app.delete(`${base}/segments/:id`, async (req: Req, reply) => {
    policy.removeSegment(req.params.id);
    return reply.code(204).send();
  });

  app.get(`${base}/policies`, async () => policy.summary());
  app.post(`${base}/policies/evaluate`, async (req) => {
    const b = parseInput(evaluateSchema, req.body);
    const now = ctx.clock.now();
    return policy.decide(
      {
        idpId: b.idpId,
        userName: b.userName,
        attributes: b.attributes,
        authTime: b.authTime ?? now,
        createdAt: b.createdAt ?? b.authTime ?? now,
        clientType: b.clientType,
        platform: b.platform,
      },
      { fqdn: b.fqdn, port: b.port, protocol: b.protocol },
      { trace: b.trace },
    );
  });
  app.get(`${base}/policies/:type`, async (req: Req) => policy.listRules(req.params.type));
  app.post(`${base}/policies/:type`, async (req: Req, reply) =>
    reply.code(201).send(policy.createRule(req.params.type, req.body)),
  );
  app.post(`${base}/policies/:type/reorder`, async (req: Req) =>
    policy.reorderRules(req.params.type, req.body),
  );
  app.get(`${base}/policies/:type/:id`, async (req: Req) =>
    policy.getRule(req.params.type, req.params.id),
  );
  app.patch(`${base}/policies/:type/:id`, async (req: Req) =>
    policy.updateRule(req.params.type, req.params.id, req.body),
  );
  app.delete(`${base}/policies/:type/:id`, async (req: Req, reply) => {
    policy.removeRule(req.params.type, req.params.id);
    return reply.code(204).send();
  });
}
