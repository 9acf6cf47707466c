/**
 * One way for every benchmark to hand its figures to `npm run bench` (test/bench/run-all.ts):
 * when BENCH_RESULTS_DIR is set, `recordFigures` writes <dir>/<benchmark>.json; run on its own a
 * benchmark only prints. A figure is what the README's performance table shows in one row.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RowId } from './rows.js';

export interface Figure {
  /** The row this figure stands for (rows.ts), if it is one of them. */
  row?: RowId;
  /** What was measured, e.g. "PATCH active=false". */
  measure: string;
  /** The project's figure. */
  value: number;
  /** e.g. "/s", "users/s", "ms", "x", "MiB". */
  unit: string;
  /** The bare ceiling measured in the same run, where one applies. */
  ceiling?: number;
  /**
   * value ÷ ceiling as measured, when it is not the quotient of the two figures shown: the median
   * of per-round ratios (the SCIM benchmark's interleaved rounds), next to median rates.
   */
  ratio?: number;
  /** The goal, in words: "≥ 35 % of the ceiling". */
  goal?: string;
  /** How the figure was obtained, shown beside it: "projected from 20,000 users". */
  note?: string;
}

export interface BenchmarkResult {
  benchmark: string;
  /** The sizes it ran at, e.g. { users: 10000 }. */
  parameters: Record<string, number | string>;
  figures: Figure[];
}

export const RESULTS_DIR_ENV = 'BENCH_RESULTS_DIR';

export function recordFigures(result: BenchmarkResult): void {
  const dir = process.env[RESULTS_DIR_ENV];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${result.benchmark}.json`), JSON.stringify(result, null, 2));
}

/** project / ceiling as a percentage, for the printed comparisons. */
export const ratioText = (value: number, ceiling: number) =>
  `${((value / ceiling) * 100).toFixed(0)} %`;
