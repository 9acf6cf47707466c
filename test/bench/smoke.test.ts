/**
 * `npm run bench:smoke`: every benchmark that needs no browser runs at its `--smoke` size through
 * `npm run bench`, and the run's JSON has a figure for each of the rows those benchmarks
 * measure (rows.ts). Not part of `npm test` (it starts several clouds); the unit test
 * test/unit/bench/readme-table.test.ts keeps the table's rows in `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { renderTable } from './readme-table.js';
import { BENCHMARKS, type BenchReport } from './run-all.js';
import { ROW_IDS, ROWS } from './rows.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('every benchmark without a browser records its rows of the table at smoke sizes', () => {
  const names = BENCHMARKS.filter((b) => !b.browser).map((b) => b.name);
  const out = join(dir, 'bench.json');
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/bench/run-all.ts',
      '--smoke',
      '--only',
      names.join(','),
      '--out',
      out,
    ],
    { encoding: 'utf8' },
  );
  expect(run.status, run.stdout.slice(-3000) + run.stderr.slice(-3000)).toBe(0);
  const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
  expect(report.failures).toEqual([]);
  expect(report.missingRows).toEqual([]);
  const expected = ROW_IDS.filter((id) => names.includes(ROWS[id].benchmark));
  const recorded = new Set(report.results.flatMap((r) => r.figures.map((f) => f.row)));
  for (const id of expected) expect(recorded, id).toContain(id);
  const notMeasured = renderTable(report)
    .split('\n')
    .filter((l) => l.includes('not measured'));
  // Only the browser benchmarks' rows: they did not run here.
  expect(notMeasured).toHaveLength(ROW_IDS.length - expected.length);
}, 600_000);
