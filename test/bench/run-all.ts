/**
 * `npm run bench`: runs every benchmark at modest sizes, one after another, and writes their
 * figures with the machine's facts to one JSON file (test-results/bench.json by default, or
 * --out <file>). `npm run bench:table` turns that file into the README's performance table.
 * A benchmark that crashes is reported (and the exit code is 1); a slow one never fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RESULTS_DIR_ENV, type BenchmarkResult } from './results.js';
import { missingRows, ROWS, type RowId } from './rows.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Every benchmark, with the sizes `npm run bench` runs it at (`quick`: the sizes of
 * `npm run bench -- --quick`, for a busy machine; `smoke`: `--smoke`, tiny sizes that only prove
 * each benchmark still runs and records its rows, for the smoke test). The goals are
 * stated at the full sizes. `browser`: needs the renderer build and Chromium.
 */
export const BENCHMARKS: {
  name: string;
  file: string;
  args: string[];
  quick?: string[];
  smoke?: string[];
  browser?: boolean;
}[] = [
  {
    name: 'scim',
    file: 'test/bench/scim/run.ts',
    args: ['--users', '5000', '--big', '100000', '--rounds', '3', '--seconds', '3'],
    quick: ['--users', '2000', '--big', '10000', '--rounds', '3', '--seconds', '1.5'],
    smoke: [
      '--users',
      '100',
      '--big',
      '200',
      '--rounds',
      '2',
      '--seconds',
      '0.2',
      '--warmup',
      '0.1',
    ],
  },
  {
    name: 'okta-push',
    file: 'test/bench/provisioning/okta-push.ts',
    args: ['--users', '20000'],
    quick: ['--users', '2000'],
    smoke: ['--users', '50'],
  },
  {
    name: 'policy',
    file: 'test/bench/policy/run.ts',
    args: ['--decisions', '50000', '--max-seconds', '5', '--rounds', '5'],
    quick: ['--decisions', '20000', '--big', '20000', '--max-seconds', '3'],
    smoke: [
      '--rules',
      '100',
      '--decisions',
      '200',
      '--small',
      '50',
      '--big',
      '200',
      '--max-seconds',
      '1',
    ],
  },
  {
    name: 'deprovision',
    file: 'test/bench/deprovision/run.ts',
    args: [],
    quick: ['--connectors', '200', '--samples', '100'],
    smoke: ['--connectors', '5', '--samples', '5'],
  },
  {
    name: 'cross-instance',
    file: 'test/bench/postgres/cross-instance.ts',
    args: ['--users', '200'],
    quick: ['--users', '100'],
    smoke: ['--users', '5'],
  },
  {
    // Three clouds one after the other (SQLite, PostgreSQL, two instances on PostgreSQL).
    name: 'scim-postgres',
    file: 'test/bench/postgres/scim.ts',
    args: ['--users', '1000', '--lookups', '2000', '--deactivations', '500'],
    quick: ['--users', '500', '--lookups', '1000', '--deactivations', '300'],
    smoke: ['--users', '30', '--lookups', '30', '--deactivations', '10'],
  },
  { name: 'saml-sign-in', file: 'test/bench/saml/sign-in.ts', args: ['10'], smoke: ['1'] },
  { name: 'web-shell', file: 'test/bench/web-shell/startup.ts', args: [], browser: true },
];

export interface BenchReport {
  machine: { cpu: string; cores: number; node: string; os: string; loadAverage: number[] };
  startedAt: string;
  finishedAt: string;
  results: BenchmarkResult[];
  failures: { benchmark: string; exitCode: number | null }[];
  /** The rows (rows.ts) of the benchmarks that ran that no figure stands for. */
  missingRows: RowId[];
}

/**
 * The environment without vitest's variables: a benchmark runs outside vitest even when the smoke
 * test (a vitest project) starts it, and the test helpers it shares with the suites read VITEST to
 * tell (test/postgres/test-db.ts calls vitest's inject() when it is set, which throws outside it).
 */
function benchmarkEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
}

function machine(): BenchReport['machine'] {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    os: `${type()} ${release()}`,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'test-results/bench.json' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
    },
  });
  const only = values.only?.split(',');
  const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
  const startedAt = new Date().toISOString();
  const failures: BenchReport['failures'] = [];
  for (const b of BENCHMARKS) {
    if (only && !only.includes(b.name)) continue;
    const args = (values.smoke && b.smoke) || (values.quick && b.quick) || b.args;
    console.log(`\n===== ${b.name}: ${b.file} ${args.join(' ')} =====\n`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', b.file, ...args], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...benchmarkEnv(), [RESULTS_DIR_ENV]: dir },
    });
    if (run.status !== 0) failures.push({ benchmark: b.name, exitCode: run.status });
  }
  const results = readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as BenchmarkResult);
  rmSync(dir, { recursive: true, force: true });
  const ran = (id: RowId) => !only || only.includes(ROWS[id].benchmark);
  const missing = missingRows(results.flatMap((r) => r.figures)).filter(ran);
  const report: BenchReport = {
    machine: machine(),
    startedAt,
    finishedAt: new Date().toISOString(),
    results,
    failures,
    missingRows: missing,
  };
  const out = resolve(ROOT, values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nFigures of ${results.length} benchmarks written to ${out}.`);
  for (const f of failures) console.log(`  ${f.benchmark} exited with code ${f.exitCode}.`);
  for (const id of missing) console.log(`  No figure for the table's row "${ROWS[id].measure}".`);
  if (failures.length > 0 || missing.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
