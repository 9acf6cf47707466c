import type { FastifyInstance } from 'fastify';
import { adminRoutes as contract } from '../../../shared/contract/cloud-api/admin.js';
import { NotFoundError } from '../domain-errors.js';
import { installAdminScope } from '../http/admin-scope.js';
import { serve } from '../http/route.js';
import type { Broker } from './broker.js';

/** Connector sessions for the admin: list them (live state) and revoke one. */
export async function sessionAdminRoutes(
  app: FastifyInstance,
  opts: { broker: Broker; adminTokenHash: string },
) {
  installAdminScope(app, opts.adminTokenHash);
  serve(app, contract.listSessions, ({ query }) => opts.broker.sessionsView(query.idpId));
  serve(app, contract.revokeSession, ({ params }) => {
    if (!opts.broker.revoke(params.id)) {
      throw new NotFoundError('not_found', `No live session ${params.id}.`);
    }
  });
}
