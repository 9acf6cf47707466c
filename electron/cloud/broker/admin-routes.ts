import type { FastifyInstance } from 'fastify';
import { adminRoutes as contract } from '../../../shared/contract/cloud-api/admin.js';
import { NotFoundError } from '../domain-errors.js';
import { installAdminScope } from '../http/admin-scope.js';
import { serve } from '../http/route.js';
import type { Broker } from './broker.js';

/** Connector sessions for the admin: list them (live state), revoke one, drop its push channel. */
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
  // Drops the session's push channel as a network failure would (no close frame): the connector
  // shows "Reconnecting…", reconnects with backoff and re-syncs from the snapshot.
  serve(app, contract.dropSessionChannel, ({ params }) => {
    if (opts.broker.hub.drop(params.id) === 0) {
      throw new NotFoundError('not_found', `Session ${params.id} has no push channel.`);
    }
  });
}
