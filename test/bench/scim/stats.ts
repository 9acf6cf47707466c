/** Latency samples, error tallies and number formatting for the SCIM benchmark. */

/** Request latencies (ms) of one kind, in a preallocated buffer. */
export class Latencies {
  private samples: Float64Array;
  private n = 0;

  constructor(expected: number) {
    this.samples = new Float64Array(Math.max(16, expected));
  }

  add(ms: number): void {
    if (this.n === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.n++] = ms;
  }

  get count(): number {
    return this.n;
  }

  /** All samples of several runs in one, for percentiles over every round. */
  static merge(parts: readonly Latencies[]): Latencies {
    const all = new Latencies(parts.reduce((n, p) => n + p.n, 0));
    for (const p of parts) {
      all.samples.set(p.samples.subarray(0, p.n), all.n);
      all.n += p.n;
    }
    return all;
  }

  summary(): LatencySummary {
    if (this.n === 0) return { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
    const sorted = this.samples.slice(0, this.n).sort();
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += sorted[i]!;
    const at = (q: number) => sorted[Math.min(this.n - 1, Math.ceil(q * this.n) - 1)]!;
    return {
      count: this.n,
      mean: sum / this.n,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: sorted[this.n - 1]!,
    };
  }
}

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Failed checks by kind, with the first few examples kept for the report. */
export class Errors {
  readonly byKind = new Map<string, number>();
  readonly examples: string[] = [];
  total = 0;

  add(kind: string, example: string): void {
    this.total++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    if (this.examples.length < 5) this.examples.push(`${kind}: ${example}`);
  }
}

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const int = (n: number): string => (Number.isFinite(n) ? intFormat.format(n) : '-');

export const ms = (n: number): string =>
  Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)} ms` : '-';

export const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

export const pct = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(0)}%` : '-');

/** Lays rows out in left-aligned columns (numbers right-aligned), with a rule under the header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = /^[-\d.,]+( ms| MiB|%|\/s|x)?$/;
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric.test(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A small seeded PRNG (mulberry32), so a run's random picks can be repeated. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
