/**
 * `npm run bench:table [-- --in test-results/bench.json]`: writes the README's performance table
 * from the JSON `npm run bench` wrote, between the marker comments below.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Figure } from './results.js';
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
      : `${Math.round((f.value / f.ceiling) * 100)} %`;
  return `| ${cell(f.measure)} | ${withUnit(f.value, f.unit)} | ${ceiling} | ${ratio} | ${cell(f.goal ?? '—')} |`;
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
    ...report.results.flatMap((r) => r.figures.map(row)),
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
