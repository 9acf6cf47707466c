/**
 * Every scenario of the library, reproduced and fixed (each of its fixes) through the runner
 * against a real cloud on port 0, with the real connector core as the user's client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloud, type RunningCloud } from '../../../electron/cloud/cloud.js';
import { AdminClient } from '../../../electron/cloud/scenarios/admin-client.js';
import { SCENARIOS } from '../../../electron/cloud/scenarios/library/index.js';
import { ScenarioSession } from '../../../electron/cloud/scenarios/runner.js';
import type { ScenarioRun } from '../../../shared/contract/cloud-api/cockpit.js';

const ADMIN_TOKEN = 'scenario-library-admin';
let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, db: ':memory:', adminToken: ADMIN_TOKEN });
});
afterAll(async () => cloud.close());

/** The failed step, for the assertion message. */
const why = (run: ScenarioRun) =>
  run.steps
    .filter((s) => !s.ok)
    .map((s) => `${s.kind}: ${s.title}: ${s.detail}`)
    .join('\n');

const only = process.env.SCENARIO
  ? SCENARIOS.filter((s) => s.id === process.env.SCENARIO)
  : SCENARIOS;

describe.each(only.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
  it.each(scenario.fixes.map((f) => [f.id] as const))(
    'shows the symptom, then the outcome after fix %s',
    async (fixId) => {
      const session = new ScenarioSession(
        scenario,
        AdminClient.withToken(cloud.baseUrl, ADMIN_TOKEN),
      );
      try {
        const reproduced = await session.reproduce();
        expect(reproduced.failed, why(reproduced)).toBe(0);
        expect(reproduced.steps.at(-1)).toMatchObject({ kind: 'symptom', ok: true });
        const fixed = await session.fix(fixId);
        expect(fixed.failed, why(fixed)).toBe(0);
        expect(fixed.steps.at(-1)).toMatchObject({ kind: 'outcome', ok: true });
      } finally {
        session.dispose();
      }
    },
    60_000,
  );
});
