/**
 * `npm run bench:table [-- --in test-results/bench.json]`: writes the README's performance table
 * from the JSON `npm run bench` wrote, between the marker comments below. The rows
 * (rows.ts) come first, in their order, each always present ("not measured" when the JSON lacks
 * it); the other figures follow.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Figure } from './results.js';
import { ROW_IDS, ROWS, type RowId } from './rows.js';
import type { BenchReport } from './run-all.js';

export const TABLE_START = '<!-- bench:table:start (npm run bench:table writes this) -->';
export const TABLE_END = '<!-- bench:table:end -->';
export const TABLE_HEADER = '| measure | project | bare ceiling | ratio | goal |';
export const TABLE_RULE = '|---|---|---|---|---|';

const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const withUnit = (n: number, unit: string) =>
  unit === 'x'
    ? `${number(n)}×`
    : unit.startsWith('/')
      ? `${number(n)}${unit}`
      : `${number(n)} ${unit}`;
const cell = (s: string) => s.replace(/\|/g, '\\|');

function row(f: Figure): string {
  const ceiling = f.ceiling === undefined ? '—' : withUnit(f.ceiling, f.unit);
  const ratio =
    f.ceiling === undefined || f.ceiling === 0 || f.unit === 'ms'
      ? '—'
      : `${Math.round((f.ratio ?? f.value / f.ceiling) * 100)} %`;
  const value = withUnit(f.value, f.unit) + (f.note ? ` (${f.note})` : '');
  return `| ${cell(f.measure)} | ${cell(value)} | ${ceiling} | ${ratio} | ${cell(f.goal ?? '—')} |`;
}

function notMeasured(id: RowId, report: BenchReport): string {
  const spec = ROWS[id];
  const failed = report.failures.some((f) => f.benchmark === spec.benchmark);
  const why = failed ? `${spec.benchmark} benchmark failed` : `no ${spec.benchmark} figure`;
  return `| ${cell(spec.measure)} | not measured (${why}) | — | — | ${cell(spec.goal)} |`;
}

/** The rows in their order (every one), then the figures that stand for no row. */
export function tableRows(report: BenchReport): string[] {
  const figures = report.results.flatMap((r) => r.figures);
  const byRow = (id: RowId) => figures.filter((f) => f.row === id);
  return [
    ...ROW_IDS.flatMap((id) => {
      const found = byRow(id);
      return found.length ? found.map(row) : [notMeasured(id, report)];
    }),
    ...figures.filter((f) => f.row === undefined).map(row),
  ];
}

/** The block between the markers (markers included). */
export function renderTable(report: BenchReport): string {
  const m = report.machine;
  return [
    TABLE_START,
    `Measured ${report.finishedAt.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.os} (load average ${m.loadAverage.join(' ')}).`,
    '',
    TABLE_HEADER,
    TABLE_RULE,
    ...tableRows(report),
    TABLE_END,
  ].join('\n');
}

/** The README with its table replaced; throws if the markers are missing. */
export function replaceTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${TABLE_START} markers.`);
  return readme.slice(0, start) + table + readme.slice(end + TABLE_END.length);
}

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const { values } = parseArgs({
    options: { in: { type: 'string', default: 'test-results/bench.json' } },
  });
  const report = JSON.parse(readFileSync(resolve(root, values.in), 'utf8')) as BenchReport;
  const readmeFile = resolve(root, 'README.md');
  writeFileSync(readmeFile, replaceTable(readFileSync(readmeFile, 'utf8'), renderTable(report)));
  console.log(`README.md performance table written from ${values.in}.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
