/**
 * The SCIM benchmark's side-by-side view: each measure's median rate next to the bare ceiling's,
 * and next to the bare + SQLite reference's when it ran (decompose.ts).
 */
import { recordFigures, type Figure } from '../results.js';
import { rowFigure, type RowId } from '../rows.js';
import { decompositionTable, referenceFigure, referenceNote } from './decompose.js';
import {
  medianRate,
  medianRatio,
  perCpuSecond,
  pooledLatency,
  rate,
  roundRatios,
  spreadText,
  type Comparison,
} from './rounds.js';
import { int, ms, table } from './stats.js';

/** The goals, as shares of the bare ceiling measured in the same run. */
const GOALS: Record<string, { measure: string; share: number }> = {
  create: { measure: 'Okta-style creates (GET + POST)', share: 0.45 },
  lookup: { measure: '`userName eq` lookups', share: 0.45 },
  deactivate: { measure: 'PATCH active=false', share: 0.35 },
  grow: { measure: 'creates (POST only)', share: 0.45 },
};

/** The table's rows (rows.ts) of a measure: rate, p50, p99 (lookups only); the grow has none. */
function rowsOf(kind: string, big: boolean): { rate?: RowId; p50?: RowId; p99?: RowId } {
  if (kind === 'create') return { rate: 'creates' };
  if (kind === 'deactivate') return { rate: 'deactivations' };
  if (kind !== 'lookup') return {};
  return big
    ? { rate: 'lookupsBig', p50: 'lookupP50Big', p99: 'lookupP99Big' }
    : { rate: 'lookups', p50: 'lookupP50', p99: 'lookupP99' };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;

/**
 * How a figure was obtained, for the README table: "median of 3 rounds of 3 s, rounds 41–52 %;
 * 61 % of bare+SQLite (9,000/s)".
 */
function howMeasured(c: Comparison): string {
  const n = c.cloud.length;
  const reference = referenceNote(c);
  if (n === 1) return ['one pass', reference].filter(Boolean).join('; ');
  const seconds = c.cloud[0]!.seconds.toFixed(0);
  const how = `median of ${n} rounds of ${seconds} s, rounds ${spreadText(roundRatios(c))}`;
  return reference ? `${how}; ${reference}` : how;
}

export function printCeiling(
  parameters: Record<string, number>,
  comparisons: Comparison[],
  walPeakMiB: number,
): void {
  const figures: Figure[] = [];
  const references: Figure[] = [];
  const rows: string[][] = [];
  let lookups = 0;
  for (const c of comparisons) {
    const kind = c.name.split(' ')[0]!;
    const goal = GOALS[kind];
    if (!goal || c.cloud.length === 0 || c.bare.length === 0) continue;
    const detail = `${int(c.users)} users`;
    const ratio = medianRatio(c);
    const row = rowsOf(kind, kind === 'lookup' && lookups++ > 0);
    rows.push([
      `${goal.measure} @${int(c.users)}`,
      `${int(medianRate(c.cloud))}/s`,
      `${int(medianRate(c.bare))}/s`,
      percent(ratio),
      c.cloud.length > 1 ? spreadText(roundRatios(c)) : '(1 pass)',
      percent(medianRatio(c, perCpuSecond)),
      c.sqlite.length ? `${int(medianRate(c.sqlite))}/s` : '-',
      c.sqlite.length ? percent(medianRatio(c, rate, 'sqlite')) : '-',
      `>= ${goal.share * 100} %`,
      ratio >= goal.share ? 'met' : 'MISSED',
    ]);
    const rateFigure = {
      value: Math.round(medianRate(c.cloud)),
      unit: '/s',
      ceiling: Math.round(medianRate(c.bare)),
      ratio: Math.round(ratio * 1000) / 1000,
      note: howMeasured(c),
    };
    figures.push(
      row.rate
        ? rowFigure(row.rate, { ...rateFigure, detail })
        : {
            measure: `${goal.measure} (${detail})`,
            ...rateFigure,
            goal: `≥ ${goal.share * 100} % of the ceiling`,
          },
    );
    for (const [q, id] of [
      ['p50', row.p50],
      ['p99', row.p99],
    ] as const) {
      if (!id) continue;
      const mine = pooledLatency(c.cloud)[q];
      const bare = pooledLatency(c.bare)[q];
      const note = `all ${c.cloud.length} rounds`;
      figures.push(
        rowFigure(id, { value: round2(mine), unit: 'ms', ceiling: round2(bare), detail, note }),
      );
      rows.push([`lookup ${q} @${int(c.users)}`, ms(mine), ms(bare), '', '', '', '', '', '', '']);
    }
    const reference = referenceFigure(c, goal.measure);
    if (reference) references.push(reference);
  }
  figures.push(...references);
  figures.push(
    rowFigure('wal', {
      value: walPeakMiB,
      unit: 'MiB',
      detail: `${int(Math.max(...comparisons.map((c) => c.users), 0))} users`,
    }),
  );
  console.log('\n=== Side by side with the bare ceiling (plain node:http, in memory) ===\n');
  console.log(
    table(
      [
        'measure',
        'cloud',
        'bare ceiling',
        'ratio',
        'rounds',
        'ratio per CPU s',
        'bare+SQLite',
        'ratio to it',
        'goal',
        '',
      ],
      rows,
    ),
  );
  console.log(
    '\nRates and ratios are medians over the rounds (each round: cloud ÷ ceiling, run back to ' +
      'back); latency percentiles pool every round.',
  );
  console.log(`WAL peak while running: ${walPeakMiB} MiB`);
  const decomposition = decompositionTable(comparisons);
  if (decomposition) {
    console.log(
      "\n=== The cloud's gap to the bare ceiling, decomposed (medians of the rounds; " +
        'test/bench/README.md, "Where the remaining SCIM gap is") ===\n',
    );
    console.log(decomposition);
  }
  recordFigures({ benchmark: 'scim', parameters, figures });
}
