import type { FastifyInstance } from 'fastify';
import { policyRoutes as contract } from '../../../shared/contract/cloud-api/admin-policy.js';
import type { PolicyRule, PolicyType } from '../../../shared/model/policy.js';
import type { Clock } from '../clock/clock.js';
import { installAdminScope } from '../http/admin-scope.js';
import { serveAll } from '../http/route.js';
import type { PolicyService } from './service.js';

/** The service checks the type (an unknown one is a 404, like an unknown rule). */
const asType = (type: string) => type as PolicyType;

/**
 * Admin API of the policy engine, under /api/admin (bearer admin token, errors as
 * `{ error: { code, message } }`): segment groups and segments, the rules of each policy type
 * in order, the summary and the what-if evaluation. Routes and shapes: admin-policy.ts.
 */
export async function policyAdminRoutes(
  app: FastifyInstance,
  opts: { policy: PolicyService; clock: Clock; adminTokenHash: string },
) {
  installAdminScope(app, opts.adminTokenHash);
  const { policy, clock } = opts;
  // Criteria hold ids; the API shows the names beside them (display only).
  const named = <R extends PolicyRule>(rule: R): R => ({
    ...rule,
    conditions: rule.conditions.map((c) => ({
      ...c,
      operands: c.operands.map((o) => ({ ...o, ...policy.operandNames(o) })),
    })),
  });

  serveAll(app, contract, {
    listSegmentGroups: () => policy.listSegmentGroups(),
    createSegmentGroup: ({ body }) => policy.createSegmentGroup(body),
    getSegmentGroup: ({ params }) => policy.getSegmentGroup(params.id),
    updateSegmentGroup: ({ params, body }) => policy.updateSegmentGroup(params.id, body),
    deleteSegmentGroup: ({ params }) => policy.removeSegmentGroup(params.id),

    listSegments: () => policy.listSegments(),
    createSegment: ({ body }) => policy.createSegment(body),
    getSegment: ({ params }) => policy.getSegment(params.id),
    updateSegment: ({ params, body }) => policy.updateSegment(params.id, body),
    deleteSegment: ({ params }) => policy.removeSegment(params.id),

    policySummary: () => policy.summary(),
    evaluatePolicy: ({ body: b }) => {
      const now = clock.now();
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
    },
    listRules: ({ params }) => policy.listRules(asType(params.type)).map(named),
    createRule: ({ params, body }) => named(policy.createRule(asType(params.type), body)),
    reorderRules: ({ params, body }) => policy.reorderRules(asType(params.type), body).map(named),
    getRule: ({ params }) => named(policy.getRule(asType(params.type), params.id)),
    updateRule: ({ params, body }) =>
      named(policy.updateRule(asType(params.type), params.id, body)),
    deleteRule: ({ params }) => policy.removeRule(asType(params.type), params.id),
  });
}
