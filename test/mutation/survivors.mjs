#!/usr/bin/env node
/**
 * `node test/mutation/survivors.mjs reports/mutation/<module>.json [file-filter]`: the mutants a
 * run left alive (Survived and NoCoverage), one line each with where and what, so they can be
 * read, killed by an assertion or written down as equivalent without opening the HTML report.
 */
import { readFileSync } from 'node:fs';

const [report, filter = ''] = process.argv.slice(2);
if (!report) {
  console.error('usage: node test/mutation/survivors.mjs reports/mutation/<module>.json [file]');
  process.exit(2);
}
const { files } = JSON.parse(readFileSync(report, 'utf8'));
for (const [name, file] of Object.entries(files)) {
  if (!name.includes(filter)) continue;
  const lines = file.source.split('\n');
  const alive = file.mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .sort((a, b) => a.location.start.line - b.location.start.line);
  console.log(`\n${name}: ${alive.length} alive of ${file.mutants.length}`);
  for (const m of alive) {
    const { start, end } = m.location;
    const original =
      start.line === end.line
        ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
        : `${lines[start.line - 1].slice(start.column - 1)} …`;
    const shown = (s) => JSON.stringify(s.length > 90 ? `${s.slice(0, 87)}...` : s);
    console.log(
      `  ${start.line}:${start.column} ${m.status === 'NoCoverage' ? '(no test) ' : ''}${m.mutatorName}: ${shown(original.trim())} -> ${shown((m.replacement ?? '').trim())}`,
    );
  }
}
