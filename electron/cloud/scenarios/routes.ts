/**
 * The cockpit's scenario routes and the reset (admin token): list the library, reproduce a
 * scenario on this cloud, apply its fix, reset to the demo tenant. A scenario runs here as it
 * runs from the command line: through this cloud's own admin API (with the caller's admin
 * token) and the real connector core, so both paths exercise the same code.
 */
import type { FastifyInstance } from 'fastify';
import { cockpitRoutes as contract } from '../../../shared/contract/cloud-api/cockpit.js';
import { ConflictError, NotFoundError } from '../domain-errors.js';
import { installAdminScope } from '../http/admin-scope.js';
import { serve } from '../http/route.js';
import type { CloudServices } from '../services.js';
import { AdminClient } from './admin-client.js';
import { findScenario, SCENARIOS } from './library/index.js';
import { resetTenant } from './reset.js';
import { ScenarioSession } from './runner.js';
import type { Scenario } from './schema.js';
import { summarize } from './summary.js';

function scenarioOrThrow(id: string): Scenario {
  const scenario = findScenario(id);
  if (!scenario) throw new NotFoundError('not_found', `No scenario ${id}.`);
  return scenario;
}

export async function scenarioRoutes(
  app: FastifyInstance,
  opts: { services: CloudServices; adminTokenHash: string },
) {
  installAdminScope(app, opts.adminTokenHash);
  // The scenario last reproduced here, whose clients stay signed in until its fix or a reset.
  let active: ScenarioSession | null = null;
  let running = false;
  app.addHook('onClose', async () => active?.dispose());

  serve(app, contract.listScenarios, () => SCENARIOS.map(summarize));

  serve(app, contract.reproduceScenario, async ({ params }, req) => {
    const scenario = scenarioOrThrow(params.id);
    if (running) throw new ConflictError('scenario_running', 'A scenario is running; try again.');
    active?.dispose();
    const admin = new AdminClient(opts.services.baseUrl(), req.headers.authorization!);
    active = new ScenarioSession(scenario, admin);
    running = true;
    try {
      return await active.reproduce();
    } finally {
      running = false;
    }
  });

  serve(app, contract.fixScenario, async ({ params, body }) => {
    const scenario = scenarioOrThrow(params.id);
    if (body.fix !== undefined && !scenario.fixes.some((f) => f.id === body.fix)) {
      throw new NotFoundError('not_found', `Scenario ${scenario.id} has no fix ${body.fix}.`);
    }
    if (active?.scenario.id !== scenario.id || !active.isReproduced) {
      throw new ConflictError(
        'not_reproduced',
        `Reproduce ${scenario.id} first (POST /api/admin/scenarios/${scenario.id}/reproduce).`,
      );
    }
    if (running) throw new ConflictError('scenario_running', 'A scenario is running; try again.');
    running = true;
    try {
      return await active.fix(body.fix);
    } finally {
      running = false;
    }
  });

  serve(app, contract.scenarioProgress, ({ params }) => {
    const scenario = scenarioOrThrow(params.id);
    const progress = active?.scenario.id === scenario.id ? active.progress() : null;
    if (!progress) throw new NotFoundError('not_found', `${scenario.id} has not run here.`);
    return progress;
  });

  serve(app, contract.resetTenant, () => {
    // A reset from outside ends the scenario on show; the runner's own reset keeps its session.
    if (!running) {
      active?.dispose();
      active = null;
    }
    resetTenant(opts.services);
  });
}
