/**
 * The README's performance table is what `npm run bench:table` writes: same markers, machine
 * line, header and row shape as the generator's output. The figures themselves are not checked
 * (they depend on the machine the benchmarks last ran on).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  renderTable,
  replaceTable,
  TABLE_END,
  TABLE_HEADER,
  TABLE_RULE,
  TABLE_START,
} from '../../bench/readme-table.js';
import type { BenchReport } from '../../bench/run-all.js';
import { missingRows, ROW_IDS, ROWS, rowFigure } from '../../bench/rows.js';

const SAMPLE: BenchReport = {
  machine: {
    cpu: 'Test CPU @ 2.0GHz',
    cores: 2,
    node: 'v20.20.2',
    os: 'Linux 6.1',
    loadAverage: [0.5, 0.4, 0.3],
  },
  startedAt: '2026-12-07T10:00:00.000Z',
  finishedAt: '2026-12-07T10:10:00.000Z',
  results: [
    {
      benchmark: 'scim',
      parameters: { users: 5000 },
      figures: [
        rowFigure('deactivations', { value: 5000, unit: '/s', ceiling: 12000 }),
        rowFigure('lookupP99', { value: 2.5, unit: 'ms', ceiling: 1.1, detail: '5,000 users' }),
      ],
    },
    {
      benchmark: 'policy',
      parameters: {},
      figures: [{ measure: 'a | b', value: 0.93, unit: 'x', note: '9/s vs 10/s' }],
    },
  ],
  failures: [{ benchmark: 'web-shell', exitCode: 1 }],
  missingRows: [],
};

const MACHINE_LINE =
  /^Measured \d{4}-\d{2}-\d{2} on .+, \d+ cores, Node v\d+\.\d+\.\d+, .+ \(load average [\d. ]+\)\.$/;
/** A row of five cells; a "|" inside a cell is escaped. */
const ROW = /^\|(?: (?:[^|\\]|\\\|)+ \|){5}$/;

/** Checks a table block has the generator's shape; returns its data rows. */
function rowsOf(block: string): string[] {
  const lines = block.split('\n');
  expect(lines[0]).toBe(TABLE_START);
  expect(lines.at(-1)).toBe(TABLE_END);
  expect(lines[1]).toMatch(MACHINE_LINE);
  expect(lines[2]).toBe('');
  expect(lines[3]).toBe(TABLE_HEADER);
  expect(lines[4]).toBe(TABLE_RULE);
  const rows = lines.slice(5, -1);
  for (const r of rows) expect(r).toMatch(ROW);
  return rows;
}

describe('README performance table', () => {
  it('the generator writes markers, the machine line, the header, then every row of the issue', () => {
    const rows = rowsOf(renderTable(SAMPLE));
    // Every row of rows.ts, in its order, then the figures that stand for none.
    expect(rows).toHaveLength(ROW_IDS.length + 1);
    ROW_IDS.forEach((id, i) =>
      expect(rows[i]).toContain(`| ${ROWS[id].measure.replace(/\|/g, '\\|')}`),
    );
    expect(rows[ROW_IDS.indexOf('deactivations')]).toBe(
      '| PATCH `active=false` | 5,000/s | 12,000/s | 42 % | ≥ 35 % of the ceiling |',
    );
    expect(rows[ROW_IDS.indexOf('lookupP99')]).toBe(
      '| `userName eq` lookup p99 (5,000 users) | 2.5 ms | 1.1 ms | — | < 5 ms |',
    );
    expect(rows.at(-1)).toBe('| a \\| b | 0.93× (9/s vs 10/s) | — | — | — |');
  });

  it('a figure measured in rounds shows its median ratio, not the quotient of its median rates', () => {
    const report: BenchReport = {
      ...SAMPLE,
      results: [
        {
          benchmark: 'scim',
          parameters: {},
          figures: [
            rowFigure('creates', {
              value: 2000,
              unit: '/s',
              ceiling: 5000,
              ratio: 0.47,
              note: 'median of 3 rounds of 3 s, rounds 44–52 %',
            }),
          ],
        },
      ],
    };
    expect(rowsOf(renderTable(report))[ROW_IDS.indexOf('creates')]).toBe(
      '| Okta-style creates (GET + POST) | 2,000/s (median of 3 rounds of 3 s, rounds 44–52 %) | 5,000/s | 47 % | ≥ 45 % of the ceiling |',
    );
  });

  it('a row without a figure says so, and why, instead of disappearing', () => {
    const rows = rowsOf(renderTable(SAMPLE));
    expect(rows[ROW_IDS.indexOf('webShellFirstPaint')]).toBe(
      '| web shell start → first paint, bundled cloud | not measured (web-shell benchmark failed) | — | — | < 1,000 ms |',
    );
    expect(rows[ROW_IDS.indexOf('oktaPush')]).toContain('| not measured (no okta-push figure) |');
    expect(missingRows(SAMPLE.results.flatMap((r) => r.figures))).toEqual(
      ROW_IDS.filter((id) => id !== 'deactivations' && id !== 'lookupP99'),
    );
  });

  it('replaces only what is between the markers', () => {
    const readme = `# Title\n\n${TABLE_START}\nold\n${TABLE_END}\n\nAfter.\n`;
    const out = replaceTable(readme, renderTable(SAMPLE));
    expect(out.startsWith('# Title\n\n')).toBe(true);
    expect(out.endsWith('\n\nAfter.\n')).toBe(true);
    expect(out).not.toContain('old');
    expect(() => replaceTable('# No markers', 'x')).toThrow(/markers/);
  });

  it("the README's table has the generator's format", () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const rows = rowsOf(readme.slice(start, end + TABLE_END.length));
    expect(rows.length).toBeGreaterThanOrEqual(ROW_IDS.length);
  });
});
