/**
 * The scenario on show in one cloud (one tenant): the session last reproduced, whose clients stay
 * signed in until its fix, another scenario or a reset. The cockpit's routes (routes.ts) run a
 * whole phase; a workshop's trainer runs one step at a time in each attendee's tenant
 * (workshop/scenario-steps.ts). Both drive this one object, so an attendee's own reproduce shows
 * on the trainer's row too. Scenarios are built for the tenant's own organisations (acme-3.example
 * in attendee 3's tenant). Each change is announced as the cloud event `scenario.changed`.
 */
import type { z } from 'zod';
import type { ScenarioRun } from '../../../shared/contract/cloud-api/cockpit.js';
import type { scenarioPosition } from '../../../shared/contract/cloud-api/workshop.js';
import { ConflictError, NotFoundError } from '../domain-errors.js';
import type { CloudEvents } from '../events.js';
import type { DemoDomains } from '../seed/demo-domains.js';
import { AdminClient } from './admin-client.js';
import { findScenario, scenariosFor } from './library/index.js';
import { ScenarioSession } from './runner.js';
import type { Scenario } from './schema.js';
import { summarize } from './summary.js';

export type ScenarioPosition = z.output<typeof scenarioPosition>;

/** How far a step action goes: the next step, or the rest of the phase. */
export type StepReach = 'step' | 'phase';

/** Runs `work` when a slot is free (a workshop runs a few tenants at a time). */
export type Slot = <T>(work: () => Promise<T>) => Promise<T>;
const now: Slot = (work) => work();

export class ScenarioStage {
  private session: ScenarioSession | null = null;
  /** A phase or step is queued or running: nothing else may start. */
  private busy: { scenario: string; started: boolean } | null = null;

  constructor(
    private readonly o: { baseUrl: () => string; domains: DemoDomains; events: CloudEvents },
  ) {}

  /** The library, for this tenant's organisations. */
  list() {
    return scenariosFor(this.o.domains).map(summarize);
  }

  find(id: string): Scenario {
    const scenario = findScenario(id, this.o.domains);
    if (!scenario) throw new NotFoundError('not_found', `No scenario ${id}.`);
    return scenario;
  }

  /** Resets the tenant, builds the starting state and checks the symptom (a new session). */
  reproduce(id: string, authorization: string): Promise<ScenarioRun> {
    const scenario = this.find(id);
    return this.exclusive(id, now, () => this.restart(scenario, authorization).reproduce());
  }

  /** Applies a fix (the first unless named) to the scenario reproduced here (as its caller). */
  fix(id: string, fixId: string | undefined): Promise<ScenarioRun> {
    const scenario = this.find(id);
    if (fixId !== undefined && !scenario.fixes.some((f) => f.id === fixId)) {
      throw new NotFoundError('not_found', `Scenario ${id} has no fix ${fixId}.`);
    }
    const session = this.session;
    if (session?.scenario.id !== id || !session.isReproduced) {
      throw new ConflictError(
        'not_reproduced',
        `Reproduce ${id} first (POST /api/admin/scenarios/${id}/reproduce).`,
      );
    }
    return this.exclusive(id, now, () => session.fix(fixId));
  }

  /**
   * The scenario's next step: a new run starts with reproduce (from the reset), goes on with the
   * first fix once the symptom showed, and starts again after the outcome or a failed step.
   * `phase` runs the rest of the phase. Throws when a step is already queued or running here.
   */
  step(id: string, authorization: string, reach: StepReach, slot: Slot = now): Promise<void> {
    const scenario = this.find(id);
    return this.exclusive(id, slot, async () => {
      const session = this.nextPhase(scenario, authorization);
      do await session.step();
      while (reach === 'phase' && !session.position()!.over);
    });
  }

  /** The steps of the scenario's run here so far; throws when it has not run here. */
  progress(id: string) {
    const scenario = this.find(id);
    const progress = this.session?.scenario.id === scenario.id ? this.session.progress() : null;
    if (!progress) throw new NotFoundError('not_found', `${scenario.id} has not run here.`);
    return progress;
  }

  /** What the trainer's row shows: the scenario, its phase and step; null before any. */
  position(): ScenarioPosition | null {
    const s = this.session;
    const at = s?.position();
    if (this.busy && !this.busy.started) {
      return { scenario: this.busy.scenario, phase: at?.phase ?? 'reproduce', ...QUEUED };
    }
    if (!s || !at) return null;
    const state = at.running
      ? 'running'
      : at.failed
        ? 'failed'
        : at.over
          ? 'passed'
          : this.busy
            ? 'running'
            : 'paused';
    return {
      scenario: s.scenario.id,
      phase: at.phase,
      done: at.done,
      total: at.total,
      step: at.step,
      state,
    };
  }

  /** A reset from outside ends the scenario on show; the runner's own reset keeps its session. */
  endUnlessRunning(): void {
    if (this.busy) return;
    this.dispose();
    this.changed();
  }

  dispose(): void {
    this.session?.dispose();
    this.session = null;
  }

  private nextPhase(scenario: Scenario, authorization: string): ScenarioSession {
    const s = this.session;
    const at = s?.position();
    if (
      !s ||
      s.scenario.id !== scenario.id ||
      !at ||
      (at.over && (at.failed || at.phase === 'fix'))
    ) {
      const fresh = this.restart(scenario, authorization);
      fresh.begin('reproduce');
      return fresh;
    }
    if (at.over) s.begin('fix');
    return s;
  }

  private restart(scenario: Scenario, authorization: string): ScenarioSession {
    this.session?.dispose();
    const admin = new AdminClient(this.o.baseUrl(), authorization);
    this.session = new ScenarioSession(scenario, admin, () => this.changed());
    return this.session;
  }

  /**
   * One phase or step at a time in a tenant: another is refused, at once (a synchronous throw,
   * so a caller starting several tenants knows which refused before any finishes).
   */
  private exclusive<T>(id: string, slot: Slot, work: () => Promise<T>): Promise<T> {
    if (this.busy) {
      throw new ConflictError(
        'scenario_running',
        `A scenario (${this.busy.scenario}) is running here; try again when it has finished.`,
      );
    }
    const busy = { scenario: id, started: false };
    this.busy = busy;
    this.changed();
    return slot(() => {
      busy.started = true;
      this.changed();
      return work();
    }).finally(() => {
      this.busy = null;
      this.changed();
    });
  }

  private changed(): void {
    this.o.events.emit('scenario.changed', { scenario: this.session?.scenario.id ?? null });
  }
}

const QUEUED = { done: 0, total: 0, step: null, state: 'queued' } as const;
