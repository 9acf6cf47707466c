/** The SCIM benchmark's side-by-side view: each phase's rate next to the bare ceiling's. */
import { recordFigures, ratioText, type Figure } from '../results.js';
import { rowFigure, type RowId } from '../rows.js';
import type { PhaseResult } from './phase.js';
import { int, ms, table } from './stats.js';

/** The goals, as shares of the bare ceiling measured in the same run. */
const GOALS: Record<string, { measure: string; share: number }> = {
  create: { measure: 'Okta-style creates (GET + POST)', share: 0.45 },
  lookup: { measure: '`userName eq` lookups', share: 0.45 },
  deactivate: { measure: 'PATCH active=false', share: 0.35 },
  grow: { measure: 'creates (POST only)', share: 0.45 },
};

/** The table's rows (rows.ts) of a phase: rate, p50, p99 (lookups only); the grow has none. */
function rowsOf(phase: string, big: boolean): { rate?: RowId; p50?: RowId; p99?: RowId } {
  if (phase === 'create') return { rate: 'creates' };
  if (phase === 'deactivate') return { rate: 'deactivations' };
  if (phase !== 'lookup') return {};
  return big
    ? { rate: 'lookupsBig', p50: 'lookupP50Big', p99: 'lookupP99Big' }
    : { rate: 'lookups', p50: 'lookupP50', p99: 'lookupP99' };
}

const rate = (r: PhaseResult) => r.ops / r.seconds;
/**
 * Operations per second of server CPU: on a machine shared with other work, wall-clock rates
 * swing with the neighbours' load, while the server's own CPU per request barely moves.
 */
const perCpuSecond = (r: PhaseResult) => r.ops / ((r.serverCpu / 100) * r.seconds);
const round2 = (n: number) => Math.round(n * 100) / 100;

export function printCeiling(
  parameters: { users: number; big: number; concurrency: number },
  results: PhaseResult[],
  ceilings: PhaseResult[],
  walPeakMiB: number,
): void {
  const figures: Figure[] = [];
  const rows: string[][] = [];
  let lookups = 0;
  results.forEach((r, i) => {
    const c = ceilings[i];
    const phase = r.name.split(' ')[0]!;
    const goal = GOALS[phase];
    if (!c || !goal) return;
    const at = r.name.includes('@') ? r.name.slice(r.name.indexOf('@') + 1) : undefined;
    const size = at ? ` @${at}` : '';
    const detail = at ? `${at} users` : `${int(parameters.users)} users`;
    const share = rate(r) / rate(c);
    const row = rowsOf(phase, phase === 'lookup' && lookups++ > 0);
    rows.push([
      goal.measure + size,
      `${int(rate(r))}/s`,
      `${int(rate(c))}/s`,
      ratioText(rate(r), rate(c)),
      ratioText(perCpuSecond(r), perCpuSecond(c)),
      `>= ${goal.share * 100} %`,
      share >= goal.share ? 'met' : 'MISSED',
    ]);
    const rateFigure = { value: Math.round(rate(r)), unit: '/s', ceiling: Math.round(rate(c)) };
    figures.push(
      row.rate
        ? rowFigure(row.rate, { ...rateFigure, detail })
        : {
            measure: goal.measure + size,
            ...rateFigure,
            goal: `≥ ${goal.share * 100} % of the ceiling`,
          },
    );
    for (const [q, id] of [
      ['p50', row.p50],
      ['p99', row.p99],
    ] as const) {
      if (!id) continue;
      const mine = r.latencies[0]![1][q];
      const bare = c.latencies[0]![1][q];
      figures.push(
        rowFigure(id, { value: round2(mine), unit: 'ms', ceiling: round2(bare), detail }),
      );
      rows.push([
        `lookup ${q}${size}`,
        ms(mine),
        ms(bare),
        '',
        '',
        q === 'p99' ? '< 5 ms' : '',
        '',
      ]);
    }
  });
  figures.push(
    rowFigure('wal', {
      value: walPeakMiB,
      unit: 'MiB',
      detail: `${int(Math.max(parameters.users, parameters.big))} users`,
    }),
  );
  console.log('\n=== Side by side with the bare ceiling (plain node:http, in memory) ===\n');
  console.log(
    table(['measure', 'cloud', 'bare ceiling', 'ratio', 'ratio per CPU s', 'goal', ''], rows),
  );
  console.log(`\nWAL peak while running: ${walPeakMiB} MiB`);
  recordFigures({ benchmark: 'scim', parameters, figures });
}
