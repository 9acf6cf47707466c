import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { adminRoutes as contract } from '../../../shared/contract/cloud-api/admin.js';
import type { SimulatedClock } from '../clock/clock.js';
import { isoTime } from '../clock/clock.js';
import { AdminError } from '../http/admin-error.js';
import { installAdminScope } from '../http/admin-scope.js';
import { serve } from '../http/route.js';
import type { IdpService } from '../idp-config/idp-service.js';
import { scimAttributeDefinitions } from '../policy/scim-attributes.js';
import type { ScimService } from '../scim/service.js';
import type { SyncLogWriter } from '../scim/sync-log-writer.js';
import type { Store } from '../store/types.js';

export interface AdminRouteDeps {
  adminTokenHash: string;
  idps: IdpService;
  scim: ScimService;
  store: Store;
  clock: SimulatedClock;
  syncLog: SyncLogWriter;
  scimBaseUrl: (idpId: string) => string;
}

/** The admin API: IdP configuration, SCIM database and sync log reads, the simulated clock. */
export async function adminRoutes(app: FastifyInstance, deps: AdminRouteDeps) {
  installAdminScope(app, deps.adminTokenHash);
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send(new AdminError(404, 'not_found', `No admin route ${req.method} ${req.url}.`).toBody()),
  );
  const { idps } = deps;

  serve(app, contract.listIdps, () => idps.list());
  serve(app, contract.createIdp, ({ body }) => idps.create(body));
  serve(app, contract.getIdp, ({ params }) => idps.get(params.id));
  serve(app, contract.updateIdp, ({ params, body }) => idps.update(params.id, body));
  serve(app, contract.deleteIdp, ({ params }) => idps.remove(params.id));
  serve(app, contract.generateScimToken, ({ params }, _req, reply) => {
    reply.header('Cache-Control', 'no-store');
    return { token: idps.generateScimToken(params.id) };
  });
  serve(app, contract.idpHistory, ({ params }) => idps.history(params.id));

  // Read-only views of the SCIM database for the admin console (SCIM Users / SCIM Groups pages).
  const target = (idpId: string) => {
    idps.get(idpId); // 404 for an unknown IdP
    return { idpId, baseUrl: deps.scimBaseUrl(idpId) };
  };
  // SCIM's own representation (scim/projection.ts), open as RFC 7643 makes it: the contract
  // names the core attributes and passes the rest through.
  type ScimList = z.output<(typeof contract)['listScimUsers']['response']> &
    z.output<(typeof contract)['listScimGroups']['response']>;
  type ScimOne = z.output<(typeof contract)['getScimUser']['response']> &
    z.output<(typeof contract)['getScimGroup']['response']>;
  serve(
    app,
    contract.listScimUsers,
    ({ params, query }) => deps.scim.list('User', target(params.id), query) as ScimList,
  );
  serve(
    app,
    contract.listScimGroups,
    ({ params, query }) => deps.scim.list('Group', target(params.id), query) as ScimList,
  );
  serve(
    app,
    contract.getScimUser,
    ({ params }) =>
      deps.scim.get('User', target(params.id), params.resourceId, {}).resource as ScimOne,
  );
  serve(
    app,
    contract.getScimGroup,
    ({ params }) =>
      deps.scim.get('Group', target(params.id), params.resourceId, {}).resource as ScimOne,
  );

  serve(app, contract.listScimAttributes, ({ params }) => {
    idps.get(params.id);
    return [...scimAttributeDefinitions(params.id)];
  });

  serve(app, contract.scimSyncLogs, ({ query }) => {
    deps.syncLog.flush();
    return deps.store.syncLog.query({
      ...query,
      since: query.since ? Date.parse(query.since) : undefined,
      until: query.until ? Date.parse(query.until) : undefined,
    });
  });

  serve(app, contract.clock, () => clockView(deps.clock));
  serve(app, contract.advanceClock, ({ body: ms }) => {
    deps.clock.advance(ms);
    return clockView(deps.clock);
  });
  serve(app, contract.setClock, ({ body }) => {
    deps.clock.set(Date.parse(body.at));
    return clockView(deps.clock);
  });
  serve(app, contract.realTimeClock, () => {
    deps.clock.realTime();
    return clockView(deps.clock);
  });
}

const clockView = (clock: SimulatedClock) => ({
  now: isoTime(clock.now()),
  offsetMs: clock.offset,
});
