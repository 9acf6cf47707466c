import type { ScenarioSummary } from '../../../shared/contract/cloud-api/cockpit.js';
import { expectedAuthLabel, expectedServiceLabel } from './labels.js';
import type { Scenario } from './schema.js';

/** A scenario as the list shows it (GET /api/admin/scenarios, `scenario list`). */
export function summarize(s: Scenario): ScenarioSummary {
  return {
    id: s.id,
    title: s.title,
    audience: s.audience,
    summary: s.summary,
    user: s.user,
    symptom: {
      code: s.symptom.app?.code ?? s.symptom.code ?? null,
      serviceStatus: expectedServiceLabel(s.symptom),
      authenticationStatus: expectedAuthLabel(s.symptom),
    },
    fixes: s.fixes.map(({ id, title }) => ({ id, title })),
  };
}
