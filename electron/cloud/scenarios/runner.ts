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

export class ScenarioSession {
  private readonly ctx: RunContext;
  private reproduced = false;
  /** The phase running or last run, with its steps so far (for a page that shows them live). */
  private current: { phase: ScenarioRun['phase']; steps: ScenarioStep[]; running: boolean } | null =
    null;

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
    const s = this.scenario;
    const act = (kind: Kind) => (a: Action) => this.planned(kind, a);
    const steps: PlannedStep[] = [
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
    const run = await this.execute('reproduce', steps);
    this.reproduced = run.failed === 0;
    return run;
  }

  async fix(fixId?: string): Promise<ScenarioRun> {
    const s = this.scenario;
    const fix = fixId === undefined ? s.fixes[0]! : s.fixes.find((f) => f.id === fixId);
    if (!fix) throw new Error(`${s.id} has no fix ${fixId}`);
    const steps: PlannedStep[] = [
      ...fix.steps.map((a) => this.planned('fix', a)),
      {
        ...this.planned('outcome', { do: 'expectClient', user: s.user, expect: s.outcome }),
        title: `Outcome: ${s.user}'s client shows ${describeExpected(s.outcome)}`,
      },
    ];
    return this.execute('fix', steps);
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

  private planned(kind: Kind, a: Action): PlannedStep {
    return { kind, title: describeAction(a), run: () => runAction(this.ctx, a) };
  }

  private async execute(phase: ScenarioRun['phase'], planned: PlannedStep[]): Promise<ScenarioRun> {
    const steps: ScenarioStep[] = [];
    this.current = { phase, steps, running: true };
    for (const p of planned) {
      let step: ScenarioStep;
      try {
        const detail = await p.run();
        step = { kind: p.kind, title: p.title, ok: true, ...(detail ? { detail } : {}) };
      } catch (e) {
        step = { kind: p.kind, title: p.title, ok: false, detail: (e as Error).message };
      }
      steps.push(step);
      await this.onStep?.(step);
      if (!step.ok) break;
    }
    this.current.running = false;
    return tally(this.scenario.id, phase, steps);
  }
}

function tally(scenario: string, phase: ScenarioRun['phase'], steps: ScenarioStep[]): ScenarioRun {
  const failed = steps.filter((st) => !st.ok).length;
  return { scenario, phase, steps: [...steps], passed: steps.length - failed, failed };
}
