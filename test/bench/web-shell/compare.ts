/**
 * A/B of the web shell's start: `npx tsx test/bench/web-shell/compare.ts --base <checkout>
 * [--runs 7] [--host-only]`. Starts this checkout's bundle and another checkout's (built there
 * first: `npm run build:renderer && npm run build:web-shell`) alternately, A–B, B–A, …, so that a
 * neighbour's burst on a shared machine lands on both; prints each side's median of every phase
 * (ms since the spawn), of the CPU to first paint and of the first paint with its range, and the
 * load average. `--host-only` runs both against one cloud in this process (`--cloud <url>`).
 * Builds this checkout as startup.ts does; prints, never fails on a timing.
 */
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startCloud } from '../../../electron/cloud/cloud.js';
import playwrightConfig from '../../../playwright.config.js';
import { WEB_SHELL_BUNDLE } from '../../../build/build-web-shell.mjs';
import buildForBrowserTests from '../../e2e/global-setup.js';
import { measure, type Run } from './measure.js';

const { values: cli } = parseArgs({
  options: {
    base: { type: 'string' },
    runs: { type: 'string', default: '7' },
    'host-only': { type: 'boolean', default: false },
  },
});
if (!cli.base) throw new Error('--base <checkout>: the other build to compare with.');
const runs = Number(cli.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer.');

const sides = [
  { name: 'this', bundle: WEB_SHELL_BUNDLE },
  { name: 'base', bundle: join(resolve(cli.base), 'dist', 'web-shell', 'main.mjs') },
];

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

function summary(all: Run[]) {
  const phases = Object.keys(all[0]!.phases) as (keyof Run['phases'])[];
  return {
    firstPaintMs: median(all.map((r) => r.startToFirstPaintMs)),
    firstPaintRangeMs: [
      Math.min(...all.map((r) => r.startToFirstPaintMs)),
      Math.max(...all.map((r) => r.startToFirstPaintMs)),
    ],
    cpuToFirstPaintMs: median(all.map((r) => r.cpuToFirstPaintMs)),
    phases: Object.fromEntries(phases.map((p) => [p, median(all.map((r) => r.phases[p]))])),
    processReadyMs: median(all.map((r) => r.processReadyMs)),
    firstSignInMs: median(all.map((r) => r.firstSignInMs)),
    rssBeforeSignInMiB: median(all.map((r) => r.rssBeforeSignInMiB ?? NaN)),
  };
}

await buildForBrowserTests();
const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
const cloud = cli['host-only'] ? await startCloud({ port: 0, db: ':memory:' }) : null;
const extraArgs = cloud ? ['--cloud', cloud.baseUrl] : [];
const results = new Map<string, Run[]>(sides.map((s) => [s.name, []]));
const loads: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      loads.push(loadavg()[0]!);
      results.get(side.name)!.push(await measure(browser, extraArgs, side.bundle));
    }
  }
} finally {
  await cloud?.close();
  await browser.close();
}
console.log(
  JSON.stringify(
    {
      runs,
      hostOnly: cli['host-only'],
      loadAverage: [Math.min(...loads), Math.max(...loads)].map((l) => +l.toFixed(2)),
      base: resolve(cli.base),
      ...Object.fromEntries([...results].map(([name, all]) => [name, summary(all)])),
    },
    null,
    2,
  ),
);
