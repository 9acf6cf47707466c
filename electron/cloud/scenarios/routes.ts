/**
 * The cockpit's scenario routes and the reset (admin token): list the library, reproduce a
 * scenario on this cloud, apply its fix, reset to the demo tenant. A scenario runs here as it
 * runs from the command line: through this cloud's own admin API (with the caller's admin
 * token) and the real connector core, so both paths exercise the same code. The scenario on
 * show is the cloud's one stage (stage.ts), which a workshop's trainer drives too.
 */
import type { FastifyInstance } from 'fastify';
import { cockpitRoutes as contract } from '../../../shared/contract/cloud-api/cockpit.js';
import { installAdminScope } from '../http/admin-scope.js';
import { serve } from '../http/route.js';
import type { CloudServices } from '../services.js';
import { resetTenant } from './reset.js';

export async function scenarioRoutes(
  app: FastifyInstance,
  opts: { services: CloudServices; adminTokenHash: string },
) {
  installAdminScope(app, opts.adminTokenHash);
  const stage = opts.services.scenarios;
  app.addHook('onClose', async () => stage.dispose());

  serve(app, contract.tenant, () => ({
    id: opts.services.tenantId,
    domains: opts.services.demoDomains,
  }));

  serve(app, contract.listScenarios, () => stage.list());

  serve(app, contract.reproduceScenario, ({ params }, req) =>
    stage.reproduce(params.id, req.headers.authorization!),
  );

  serve(app, contract.fixScenario, ({ params, body }) => stage.fix(params.id, body.fix));

  serve(app, contract.scenarioProgress, ({ params }) => stage.progress(params.id));

  serve(app, contract.resetTenant, () => {
    stage.endUnlessRunning();
    resetTenant(opts.services);
  });
}
