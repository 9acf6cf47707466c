/**
 * Runs a scenario against a cloud through its admin API, with the real connector core as each
 * user's client: `reproduce` resets the tenant, builds the starting state, lets the incident
 * happen and checks the symptom; `fix` applies one of the fixes and checks the outcome. Each
 * step is reported as it ends (for the command line's live output and --pause); a failed step
 * ends its phase, since what follows depends on it.
 */
import type { ScenarioRun, ScenarioStep } from '../../../shared/contract/cloud-api/cockpit.js';
import { runAction, type RunContext } from './actions.js';
import type { AdminClient } from './admin-client.js';
import { ScenarioClients } from './clients.js';
import { describeAction } from './describe.js';
import { describeExpected } from './labels.js';
import type { Action, Scenario } from './schema.js';

export interface StepListener {
  (step: ScenarioStep): void | Promise<void>;
}

type Kind = ScenarioStep['kind'];
interface PlannedStep {
  kind: Kind;
  title: string;
  run: () => Promise<string | void | undefined>;
}

/** A phase planned and run step by step. */
interface Phase {
  phase: ScenarioRun['phase'];
  planned: PlannedStep[];
  steps: ScenarioStep[];
  running: boolean;
}

/** Where a session is: the phase, how far it got, and the step running or last run. */
export interface SessionPosition {
  phase: ScenarioRun['phase'];
  done: number;
  total: number;
  /** The step running, or the last one run; null before the first. */
  step: string | null;
  running: boolean;
  /** A step failed (the phase ends there). */
  failed: boolean;
  /** Every step of the phase ran (or one failed). */
  over: boolean;
}

export class ScenarioSession {
  private readonly ctx: RunContext;
  private reproduced = false;
  /** The phase running or last run, with its steps so far (for a page that shows them live). */
  private current: Phase | null = null;

  constructor(
    readonly scenario: Scenario,
    admin: AdminClient,
    private readonly onStep?: StepListener,
  ) {
    this.ctx = { admin, clients: new ScenarioClients(admin.baseUrl), tokens: new Map() };
  }

  /** Whether reproduce has run (a fix needs the state it leaves). */
  get isReproduced(): boolean {
    return this.reproduced;
  }

  async reproduce(): Promise<ScenarioRun> {
    this.begin('reproduce');
    return this.runPhase();
  }

  async fix(fixId?: string): Promise<ScenarioRun> {
    this.begin('fix', fixId);
    return this.runPhase();
  }

  /**
   * Plans a phase without running it: `reproduce` (reset, starting state, incident, symptom) or
   * `fix` (one of the fixes, the first unless named, then the outcome). Steps then run one by
   * one (step) or all at once (reproduce, fix).
   */
  begin(phase: ScenarioRun['phase'], fixId?: string): void {
    const planned = phase === 'reproduce' ? this.reproduceSteps() : this.fixSteps(fixId);
    if (phase === 'reproduce') this.reproduced = false;
    this.current = { phase, planned, steps: [], running: false };
  }

  /** Runs the phase's next step and returns it; null when the phase is over (or none began). */
  async step(): Promise<ScenarioStep | null> {
    const c = this.current;
    if (!c || this.position()!.over) return null;
    const p = c.planned[c.steps.length]!;
    c.running = true;
    let step: ScenarioStep;
    try {
      const detail = await p.run();
      step = { kind: p.kind, title: p.title, ok: true, ...(detail ? { detail } : {}) };
    } catch (e) {
      step = { kind: p.kind, title: p.title, ok: false, detail: (e as Error).message };
    }
    c.steps.push(step);
    c.running = false;
    const { over, failed } = this.position()!;
    if (c.phase === 'reproduce' && over && !failed) this.reproduced = true;
    await this.onStep?.(step);
    return step;
  }

  /** The phase's position; null before the first phase. */
  position(): SessionPosition | null {
    if (!this.current) return null;
    const { phase, planned, steps, running } = this.current;
    const failed = steps.some((st) => !st.ok);
    const at = running ? planned[steps.length] : steps[steps.length - 1];
    return {
      phase,
      done: steps.length,
      total: planned.length,
      step: at?.title ?? null,
      running,
      failed,
      over: failed || steps.length === planned.length,
    };
  }

  /** The phase running or last run: its steps so far; null before the first. */
  progress(): (ScenarioRun & { running: boolean }) | null {
    if (!this.current) return null;
    const { phase, steps, running } = this.current;
    return { ...tally(this.scenario.id, phase, steps), running };
  }

  /** The user's connector in this run (for a test or a host that shows it). */
  clientOf(userName: string) {
    return this.ctx.clients.of(userName);
  }

  dispose(): void {
    this.ctx.clients.dispose();
  }

  private reproduceSteps(): PlannedStep[] {
    const s = this.scenario;
    const act = (kind: Kind) => (a: Action) => this.planned(kind, a);
    return [
      {
        kind: 'setup',
        title: 'Reset to the demo tenant',
        run: async () => {
          this.ctx.clients.dispose();
          await this.ctx.admin.call('resetTenant');
        },
      },
      ...s.start.idps.map(act('setup')),
      ...s.start.directory.map(act('setup')),
      ...s.start.provisioning.map(act('setup')),
      ...s.start.policies.map(act('setup')),
      ...(s.start.clock ? [act('setup')({ do: 'advanceClock', by: s.start.clock })] : []),
      ...s.start.signedIn.flatMap(({ user, open }) => [
        act('setup')({ do: 'signIn', user }),
        ...open.map((app) => act('setup')({ do: 'openApp', user, app, port: 443 })),
      ]),
      ...s.incident.map(act('setup')),
      this.planned('symptom', { do: 'expectClient', user: s.user, expect: s.symptom }),
    ];
  }

  private fixSteps(fixId?: string): PlannedStep[] {
    const s = this.scenario;
    const fix = fixId === undefined ? s.fixes[0]! : s.fixes.find((f) => f.id === fixId);
    if (!fix) throw new Error(`${s.id} has no fix ${fixId}`);
    return [
      ...fix.steps.map((a) => this.planned('fix', a)),
      {
        ...this.planned('outcome', { do: 'expectClient', user: s.user, expect: s.outcome }),
        title: `Outcome: ${s.user}'s client shows ${describeExpected(s.outcome)}`,
      },
    ];
  }

  private planned(kind: Kind, a: Action): PlannedStep {
    return { kind, title: describeAction(a), run: () => runAction(this.ctx, a) };
  }

  private async runPhase(): Promise<ScenarioRun> {
    while (await this.step());
    const { phase, steps } = this.current!;
    return tally(this.scenario.id, phase, steps);
  }
}

function tally(scenario: string, phase: ScenarioRun['phase'], steps: ScenarioStep[]): ScenarioRun {
  const failed = steps.filter((st) => !st.ok).length;
  return { scenario, phase, steps: [...steps], passed: steps.length - failed, failed };
}
