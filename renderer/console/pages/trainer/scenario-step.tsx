/**
 * The Trainer page's scenario steps: which library scenario the trainer runs, each attendee's
 * position in it (the "Scenario step" column, live from the feed), and the buttons that run the
 * next step, or the rest of the phase, for everyone. The steps run in each attendee's own tenant
 * (POST /api/admin/workshop/scenario-steps); their progress arrives through the feed.
 */
import { useId } from 'react';
import type { z } from 'zod';
import type { ScenarioSummary } from '../../../../shared/contract/cloud-api/cockpit.js';
import type { scenarioPosition } from '../../../../shared/contract/cloud-api/workshop.js';

export type ScenarioPosition = z.output<typeof scenarioPosition>;
export type StepReach = 'step' | 'phase';
/** Runs the selected scenario's next step (or phase) for these attendees. */
export type RunStep = (targets: 'all' | number[], reach: StepReach) => Promise<boolean>;

const PHASE_LABEL: Record<ScenarioPosition['phase'], string> = {
  reproduce: 'Reproduce',
  fix: 'Fix',
};

const STATE_LABEL: Record<ScenarioPosition['state'], string> = {
  queued: 'queued',
  running: 'running',
  paused: 'paused',
  passed: 'done',
  failed: 'failed',
};

/** "Reproduce 2/4 · paused", or "queued" before the step's turn. */
export function positionLabel(p: ScenarioPosition): string {
  if (p.state === 'queued') return STATE_LABEL.queued;
  return `${PHASE_LABEL[p.phase]} ${p.done}/${p.total} · ${STATE_LABEL[p.state]}`;
}

/** The "Scenario step" cell: the scenario, the phase and step count, and the step's title. */
export function ScenarioStepCell({ position }: { position: ScenarioPosition | null }) {
  if (!position) return <>—</>;
  return (
    <div className="scenario-step" aria-busy={position.state === 'running' || undefined}>
      <div>
        <strong>{position.scenario}</strong>
      </div>
      <div className={position.state === 'failed' ? 'error-text' : undefined}>
        {positionLabel(position)}
      </div>
      {position.step ? <div className="muted small">{position.step}</div> : null}
    </div>
  );
}

/** The scenario picker and the step buttons for everyone. */
export function ScenarioBar({
  scenarios,
  selected,
  select,
  runStep,
}: {
  scenarios: readonly ScenarioSummary[] | undefined;
  selected: string;
  select(id: string): void;
  runStep: RunStep;
}) {
  const id = useId();
  return (
    <div className="row actions">
      <label htmlFor={id}>Scenario</label>
      <select id={id} value={selected} onChange={(e) => select(e.target.value)}>
        {(scenarios ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      <button type="button" disabled={!selected} onClick={() => void runStep('all', 'step')}>
        Next scenario step for everyone
      </button>
      <button type="button" disabled={!selected} onClick={() => void runStep('all', 'phase')}>
        Run the phase for everyone
      </button>
    </div>
  );
}
