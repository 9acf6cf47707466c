/** The SCIM benchmark's side-by-side view: each phase's rate next to the bare ceiling's. */
import { recordFigures, ratioText, type Figure } from '../results.js';
import type { PhaseResult } from './run.js';
import { int, ms, table } from './stats.js';

/** The goals, as shares of the bare ceiling measured in the same run. */
const GOALS: Record<string, { measure: string; share: number }> = {
  create: { measure: 'Okta-style creates (GET + POST)', share: 0.45 },
  lookup: { measure: '`userName eq` lookups', share: 0.45 },
  deactivate: { measure: 'PATCH active=false', share: 0.35 },
  grow: { measure: 'creates (POST only)', share: 0.45 },
};

const rate = (r: PhaseResult) => r.ops / r.seconds;
/**
 * Operations per second of server CPU: on a machine shared with other work, wall-clock rates
 * swing with the neighbours' load, while the server's own CPU per request barely moves.
 */
const perCpuSecond = (r: PhaseResult) => r.ops / ((r.serverCpu / 100) * r.seconds);

export function printCeiling(
  parameters: { users: number; big: number; concurrency: number },
  results: PhaseResult[],
  ceilings: PhaseResult[],
  walMiB: number,
): void {
  const figures: Figure[] = [];
  const rows: string[][] = [];
  results.forEach((r, i) => {
    const c = ceilings[i];
    const goal = GOALS[r.name.split(' ')[0]!];
    if (!c || !goal) return;
    const size = r.name.includes('@') ? ` ${r.name.slice(r.name.indexOf('@'))}` : '';
    const share = rate(r) / rate(c);
    rows.push([
      goal.measure + size,
      `${int(rate(r))}/s`,
      `${int(rate(c))}/s`,
      ratioText(rate(r), rate(c)),
      ratioText(perCpuSecond(r), perCpuSecond(c)),
      `>= ${goal.share * 100} %`,
      share >= goal.share ? 'met' : 'MISSED',
    ]);
    figures.push({
      measure: goal.measure + size,
      value: Math.round(rate(r)),
      unit: '/s',
      ceiling: Math.round(rate(c)),
      goal: `≥ ${goal.share * 100} % of the ceiling`,
    });
    if (r.name.startsWith('lookup')) {
      const p99 = r.latencies[0]![1].p99;
      figures.push({
        measure: `\`userName eq\` lookup p99${size}`,
        value: Math.round(p99 * 100) / 100,
        unit: 'ms',
        ceiling: Math.round(c.latencies[0]![1].p99 * 100) / 100,
        goal: '< 5 ms',
      });
      rows.push([`lookup p99${size}`, ms(p99), ms(c.latencies[0]![1].p99), '', '', '< 5 ms', '']);
    }
  });
  figures.push({ measure: 'SCIM WAL while running', value: walMiB, unit: 'MiB', goal: 'bounded' });
  console.log('\n=== Side by side with the bare ceiling (plain node:http, in memory) ===\n');
  console.log(
    table(['measure', 'cloud', 'bare ceiling', 'ratio', 'ratio per CPU s', 'goal', ''], rows),
  );
  recordFigures({ benchmark: 'scim', parameters, figures });
}
