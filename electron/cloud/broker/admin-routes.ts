import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AdminError } from '../admin/admin-error.js';
import { installAdminScope } from '../admin/routes.js';
import type { Broker } from './broker.js';

/** Connector sessions for the admin: list them (live state), revoke one, drop its push channel. */
export async function sessionAdminRoutes(
  app: FastifyInstance,
  opts: { broker: Broker; adminTokenHash: string },
) {
  installAdminScope(app, opts.adminTokenHash);
  app.get('/api/admin/sessions', async (req: FastifyRequest<{ Querystring: { idpId?: string } }>) =>
    opts.broker.sessionsView(typeof req.query.idpId === 'string' ? req.query.idpId : undefined),
  );
  // Drops the session's push channel as a network failure would (no close frame): the connector
  // shows "Reconnecting…", reconnects with backoff and re-syncs from the snapshot.
  app.delete(
    '/api/admin/sessions/:id/channel',
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      if (opts.broker.hub.drop(req.params.id) === 0) {
        throw new AdminError(404, 'not_found', `Session ${req.params.id} has no push channel.`);
      }
      return reply.code(204).send();
    },
  );
  app.delete(
    '/api/admin/sessions/:id',
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      if (!opts.broker.revoke(req.params.id)) {
        throw new AdminError(404, 'not_found', `No live session ${req.params.id}.`);
      }
      return reply.code(204).send();
    },
  );
}
