import type { FastifyInstance } from 'fastify';
import { cockpitRoutes } from '../../../shared/contract/cloud-api/cockpit.js';
import { connectorRoutes } from '../../../shared/contract/cloud-api/connector.js';
import { connectorErrorHandler } from '../auth/auth-error.js';
import type { SessionService } from '../auth/sessions.js';
import { InvalidInputError } from '../domain-errors.js';
import { installAdminScope } from '../http/admin-scope.js';
import { serve } from '../http/route.js';
import type { IdpService } from '../idp-config/idp-service.js';
import { bearerToken } from '../security/tokens.js';
import type { Store } from '../store/types.js';
import type { TimelineRecorder } from './recorder.js';
import { userTimeline } from './timeline.js';

interface TimelineRouteOptions {
  store: Store;
  idps: IdpService;
  sessions: SessionService;
  recorder: TimelineRecorder;
  adminTokenHash: string;
}

/**
 * GET /api/admin/timeline (any user, admin token), and for connectors (session token): report
 * the client's transitions, and read the signed-in user's own timeline (never anyone else's).
 */
export async function timelineRoutes(app: FastifyInstance, opts: TimelineRouteOptions) {
  const { store, idps, sessions, recorder } = opts;

  await app.register(async (admin) => {
    installAdminScope(admin, opts.adminTokenHash);
    serve(admin, cockpitRoutes.timeline, ({ query }) => {
      const since = query.since === undefined ? undefined : Date.parse(query.since);
      const until = query.until === undefined ? undefined : Date.parse(query.until);
      if (since !== undefined && until !== undefined && since > until) {
        throw new InvalidInputError([{ field: 'since', message: 'must not be after until' }]);
      }
      return userTimeline({ store, idps }, query.user, { since, until });
    });
  });

  await app.register(async (connector) => {
    connector.setErrorHandler(connectorErrorHandler);
    const session = (authorization: string | undefined) =>
      sessions.authenticate(bearerToken(authorization));
    serve(connector, connectorRoutes.reportTransitions, ({ body }, req) => {
      recorder.recordClient(session(req.headers.authorization), body.events);
      // The connector's report is acknowledged by the answer: committed before it, as every write.
      store.timeline.flush();
    });
    serve(connector, connectorRoutes.ownTimeline, (_input, req) =>
      userTimeline({ store, idps }, session(req.headers.authorization).userName),
    );
  });
}
