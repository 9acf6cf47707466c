/**
 * The cloud's gap to the bare ceiling, decomposed by the bare + SQLite reference measured in the
 * same rounds (sqlite-reference.ts): bare → bare+SQLite is what SQLite costs with the cloud's
 * durability (plus the cloud's larger responses and a token check), bare+SQLite → cloud is the
 * cloud's own work (validation, normalisation, the sync log, events, rate limiting, Fastify).
 * Costs are per operation: the server's CPU µs (what the neighbours' load moves least) and
 * wall-clock µs (1 / rate).
 */
import type { Figure } from '../results.js';
import type { PhaseResult } from './phase.js';
import {
  cpuUsPerOp,
  medianCpuUs,
  medianRate,
  medianRatio,
  rate,
  type Comparison,
} from './rounds.js';
import { int, median } from './stats.js';

export interface GapShares {
  /** cloud − bare, per operation. */
  gap: number;
  /** (bare+SQLite − bare) ÷ gap: SQLite's own share of the gap. */
  sqlite: number;
  /** (cloud − bare+SQLite) ÷ gap: what the cloud adds above SQLite. */
  cloudOwn: number;
}

/**
 * The gap and its shares from three costs per operation (µs, lower is better); NaN shares when
 * the cloud was not slower than the ceiling (a round spoiled by the neighbours: nothing to split).
 */
export function gapShares(cloud: number, bare: number, sqlite: number): GapShares {
  const gap = cloud - bare;
  if (!(gap > 0)) return { gap, sqlite: NaN, cloudOwn: NaN };
  return { gap, sqlite: (sqlite - bare) / gap, cloudOwn: (cloud - sqlite) / gap };
}

/** Wall-clock µs per operation of a round. */
const wallUs = (r: PhaseResult) => (r.seconds * 1e6) / r.ops;
const measured = (c: Comparison) => c.sqlite.length > 0 && c.bare.length > 0 && c.cloud.length > 0;
/** The timed measures (not the grow: one pass per side, back to back, not interleaved). */
const inRounds = (c: Comparison) => measured(c) && !c.name.startsWith('grow');
const percent = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(0)} %` : '—');

/** "61 % of bare+SQLite (9,000/s)", for the note of a goal row; '' without the reference. */
export function referenceNote(c: Comparison): string {
  if (!measured(c)) return '';
  return `${percent(medianRatio(c, rate, 'sqlite'))} of bare+SQLite (${int(medianRate(c.sqlite))}/s)`;
}

/**
 * The shares of a measure's gap by `cost`, split round by round (the three sides of a round ran
 * back to back, so a neighbour's burst lands on all three) and the median taken; rounds where the
 * cloud was not slower than the ceiling are left out.
 */
export function medianShares(c: Comparison, cost: (r: PhaseResult) => number): GapShares {
  const rounds = c.cloud
    .map((r, i) => gapShares(cost(r), cost(c.bare[i]!), cost(c.sqlite[i]!)))
    .filter((s) => Number.isFinite(s.sqlite));
  if (rounds.length === 0) return { gap: NaN, sqlite: NaN, cloudOwn: NaN };
  const of = (key: keyof GapShares) => median(rounds.map((s) => s[key]));
  return { gap: of('gap'), sqlite: of('sqlite'), cloudOwn: of('cloudOwn') };
}

/** The shares of a measure's gap, by the server's CPU and by wall clock. */
export function sharesOf(c: Comparison) {
  return { cpu: medianShares(c, cpuUsPerOp), wall: medianShares(c, wallUs) };
}

/** The reference's own figure for a measure: its rate beside the ceiling's, its place in the gap. */
export function referenceFigure(c: Comparison, measure: string): Figure | undefined {
  if (!inRounds(c)) return undefined;
  const { cpu } = sharesOf(c);
  const us = (side: 'cloud' | 'bare' | 'sqlite') => int(medianCpuUs(c[side]));
  return {
    measure: `bare+SQLite reference: ${measure} (${int(c.users)} users)`,
    value: Math.round(medianRate(c.sqlite)),
    unit: '/s',
    ceiling: Math.round(medianRate(c.bare)),
    ratio: Math.round(medianRatio(c, rate, 'bare', 'sqlite') * 1000) / 1000,
    note:
      `CPU µs/op: cloud ${us('cloud')}, bare+SQLite ${us('sqlite')}, bare ${us('bare')}; ` +
      `SQLite ${percent(cpu.sqlite)} of the cloud's gap, the cloud's own ${percent(cpu.cloudOwn)}`,
  };
}

/** The decomposition as a Markdown table, ready for test/bench/README.md's section. */
export function decompositionTable(comparisons: readonly Comparison[]): string | undefined {
  const rows = comparisons.filter(inRounds).map((c) => {
    const { cpu, wall } = sharesOf(c);
    const us = (side: 'cloud' | 'bare' | 'sqlite') => int(medianCpuUs(c[side]));
    return [
      `${c.name}`,
      us('cloud'),
      us('bare'),
      us('sqlite'),
      int(cpu.gap),
      `${percent(cpu.sqlite)} / ${percent(wall.sqlite)}`,
      `${percent(cpu.cloudOwn)} / ${percent(wall.cloudOwn)}`,
      percent(medianRatio(c)),
      percent(medianRatio(c, rate, 'sqlite')),
      percent(medianRatio(c, rate, 'bare', 'sqlite')),
    ];
  });
  if (rows.length === 0) return undefined;
  const header = [
    'measure',
    'cloud µs CPU/op',
    'bare',
    'bare+SQLite',
    'gap (cloud − bare)',
    'SQLite share (CPU / wall)',
    "cloud's own (CPU / wall)",
    'cloud ÷ bare',
    'cloud ÷ bare+SQLite',
    'bare+SQLite ÷ bare',
  ];
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
