/**
 * The SCIM benchmark's decomposition of the cloud's gap to the bare ceiling by the bare + SQLite
 * reference (decompose.ts), and the rotation of the sides' order from round to round.
 */
import { describe, expect, it } from 'vitest';
import type { PhaseResult } from '../../bench/scim/phase.js';
import {
  decompositionTable,
  gapShares,
  medianShares,
  referenceFigure,
  referenceNote,
} from '../../bench/scim/decompose.js';
import { tableRows } from '../../bench/readme-table.js';
import { rowFigure } from '../../bench/rows.js';
import { roundOrder, type Comparison } from '../../bench/scim/rounds.js';
import { Errors, Latencies } from '../../bench/scim/stats.js';

/** A round of `ops` operations in 1 s at `cpuPercent` server CPU. */
function round(ops: number, cpuPercent: number): PhaseResult {
  const l = new Latencies(1);
  l.add(1);
  return {
    name: 'x',
    unit: 'ops',
    ops,
    requests: ops,
    seconds: 1,
    latencies: [['GET', l.summary()]],
    samples: [['GET', l]],
    errors: new Errors(),
    serverCpu: cpuPercent,
    harnessCpu: 0,
    aborted: undefined,
    startUs: 0,
    endUs: 0,
  };
}

/** cloud 4,000/s at 100 % CPU (250 µs/op), bare 10,000/s (100 µs), bare+SQLite 5,000/s (200 µs). */
const comparison = (sqlite = [round(5000, 100)]): Comparison => ({
  name: 'deactivate @5,000',
  users: 5000,
  cloud: [round(4000, 100)],
  bare: [round(10000, 100)],
  sqlite,
  warmups: [],
});

describe('the gap to the bare ceiling, decomposed', () => {
  it('splits cloud − bare into SQLite’s share and the cloud’s own', () => {
    expect(gapShares(250, 100, 200)).toEqual({ gap: 150, sqlite: 2 / 3, cloudOwn: 1 / 3 });
    const { sqlite, cloudOwn } = gapShares(180, 40, 75);
    expect(sqlite + cloudOwn).toBeCloseTo(1);
    expect(sqlite).toBeCloseTo(35 / 140);
    // No gap (the ceiling's round spoiled): nothing to split.
    expect(gapShares(90, 100, 95)).toEqual({ gap: -10, sqlite: NaN, cloudOwn: NaN });
  });

  it('splits round by round and takes the median, leaving out a round without a gap', () => {
    const c: Comparison = {
      ...comparison(),
      // CPU µs/op: (250, 100, 200): 2/3; (300, 100, 150): 1/4; (100, 400, 200): no gap.
      cloud: [round(4000, 100), round(1000, 30), round(1000, 10)],
      bare: [round(10000, 100), round(1000, 10), round(1000, 40)],
      sqlite: [round(5000, 100), round(1000, 15), round(1000, 20)],
    };
    const { sqlite, cloudOwn, gap } = medianShares(c, (r) => (r.serverCpu * 1e4) / r.ops);
    expect(sqlite).toBeCloseTo((2 / 3 + 1 / 4) / 2);
    expect(cloudOwn).toBeCloseTo(1 - sqlite);
    expect(gap).toBe(175);
  });

  it('prints each measure’s CPU per operation, shares and ratios to both references', () => {
    expect(decompositionTable([comparison()])!.split('\n')[2]).toBe(
      '| deactivate @5,000 | 250 | 100 | 200 | 150 | 67 % / 67 % | 33 % / 33 % | 40 % | 80 % | 50 % |',
    );
  });

  it('the goal row’s note and an extra figure carry the reference; nothing without it', () => {
    expect(referenceNote(comparison())).toBe('80 % of bare+SQLite (5,000/s)');
    const figure = referenceFigure(comparison(), 'PATCH active=false')!;
    expect(figure).toMatchObject({
      measure: 'bare+SQLite reference: PATCH active=false (5,000 users)',
      value: 5000,
      ceiling: 10000,
      ratio: 0.5,
    });
    expect(figure.note).toContain('SQLite 67 % of the cloud');
    expect(figure.row).toBeUndefined();
    expect(referenceNote(comparison([]))).toBe('');
    expect(referenceFigure(comparison([]), 'x')).toBeUndefined();
    expect(decompositionTable([comparison([])])).toBeUndefined();
    // The grow (one pass per side, not interleaved) is left out.
    expect(decompositionTable([{ ...comparison(), name: 'grow to 100,000' }])).toBeUndefined();
  });

  it('the README table shows the reference in the goal row’s note and its own figure after the rows', () => {
    const c = comparison();
    const goal = rowFigure('deactivations', {
      value: 4000,
      unit: '/s',
      ceiling: 10000,
      note: `one pass; ${referenceNote(c)}`,
    });
    const machine = { cpu: 'x', cores: 2, node: 'v20', os: 'Linux', loadAverage: [0, 0, 0] };
    const rows = tableRows({
      machine,
      startedAt: '',
      finishedAt: '',
      results: [
        { benchmark: 'scim', parameters: {}, figures: [goal, referenceFigure(c, 'PATCH')!] },
      ],
      failures: [],
      missingRows: [],
    });
    expect(rows).toContain(
      '| PATCH `active=false` | 4,000/s (one pass; 80 % of bare+SQLite (5,000/s)) | 10,000/s | 40 % | ≥ 35 % of the ceiling |',
    );
    expect(rows.at(-1)).toMatch(
      /^\| bare\+SQLite reference: PATCH \(5,000 users\) \| 5,000\/s \(CPU µs\/op: cloud 250, bare\+SQLite 200, bare 100; SQLite 67 % of the cloud's gap, the cloud's own 33 %\) \| 10,000\/s \| 50 % \| — \|$/,
    );
  });

  it('rotates the order of the sides, so each goes first once in as many rounds', () => {
    const sides = ['cloud', 'bare', 'sqlite'];
    const orders = [0, 1, 2].map((i) => roundOrder(sides, i));
    expect(orders).toEqual([
      ['cloud', 'bare', 'sqlite'],
      ['bare', 'sqlite', 'cloud'],
      ['sqlite', 'cloud', 'bare'],
    ]);
    expect(roundOrder(['cloud', 'bare'], 1)).toEqual(['bare', 'cloud']);
  });
});
