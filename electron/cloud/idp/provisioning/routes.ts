import type { FastifyInstance } from 'fastify';
import {
  provisioningProgressRoutes,
  provisioningRoutes as contract,
} from '../../../../shared/contract/cloud-api/admin-provisioning.js';
import { installAdminScope } from '../../http/admin-scope.js';
import { serveAll } from '../../http/route.js';
import type { ProvisioningService } from './provisioning-service.js';

/**
 * Admin API of the IdPs' SCIM push clients, under /api/admin/idps/{id}/provisioning: the
 * configuration (Base URL and token as pasted from the cloud; the token is never returned),
 * test connection, Provision User / provision on demand, restart, status and log.
 */
export async function provisioningRoutes(
  app: FastifyInstance,
  opts: { provisioning: ProvisioningService; adminTokenHash: string },
) {
  installAdminScope(app, opts.adminTokenHash);
  const prov = opts.provisioning;

  serveAll(app, contract, {
    provisioningConfig: ({ params }) => prov.config(params.id),
    configureProvisioning: ({ params, body }) => {
      prov.idps.get(params.id);
      return prov.configure(params.id, body);
    },
    testProvisioningConnection: ({ params, body }) => {
      prov.idps.get(params.id);
      return prov.testConnection(params.id, body);
    },
    provisionUser: ({ params }) => prov.provisionUser(params.id, params.userId),
    restartProvisioning: ({ params }) => prov.restart(params.id),
    provisioningStatus: ({ params }) => prov.status(params.id),
    provisioningLog: ({ params, query }) =>
      prov.log(params.id, {
        ...query,
        since: query.since !== undefined ? Date.parse(query.since) : undefined,
      }),
  });
  serveAll(app, provisioningProgressRoutes, {
    provisioningProgress: ({ params }) => prov.progress(params.id),
  });
}
