/** The README's Scenarios table lists every scenario of the library, and nothing else. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SCENARIOS } from '../../../electron/cloud/scenarios/library/index.js';

it("lists every scenario id in the README's Scenarios table", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Scenarios\n'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  const listed = [...table.matchAll(/^\| `([a-z0-9-]+)` +\|/gm)].map((m) => m[1]);
  expect(listed).toEqual(SCENARIOS.map((s) => s.id));
});
