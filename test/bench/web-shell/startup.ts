/**
 * Web shell start-up benchmark: `npm run bench:web-shell [-- --runs <n>]`. Prints figures, never
 * fails on a timing: web-shell start to first paint (process spawn to the frame that draws the
 * sign-in page in Chromium, timed inside the page: paint-probe.ts) with the phases on the way
 * (Node's start, the bundle, listening, the navigation, the HTML, the assets, React's mount, the
 * bridge, the first state; the connector service ready and the bundled cloud's start), and the
 * web shell host's resident memory before and after a sign-in, with the bundled cloud (as `npm
 * run start:web` runs) and with the cloud in another process (the host alone). Each is the run
 * with the median first paint of `--runs` (5) starts. Also written to
 * test-results/figures/web-shell.json. Builds the renderer and the web shell's bundle first, as
 * the e2e run does, and starts the web shell from that bundle as the e2e tests do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startCloud } from '../../../electron/cloud/cloud.js';
import playwrightConfig from '../../../playwright.config.js';
import buildForBrowserTests from '../../e2e/global-setup.js';
import { recordFigures } from '../results.js';
import { rowFigure } from '../rows.js';
import { measureRuns } from './measure.js';

const { values: cli } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(cli.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer.');

await buildForBrowserTests();
const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
try {
  const bundled = await measureRuns(browser, runs);
  const withBundledCloud = bundled.median;
  const cloud = await startCloud({ port: 0, db: ':memory:' });
  let hostOnly;
  try {
    hostOnly = (await measureRuns(browser, runs, ['--cloud', cloud.baseUrl])).median;
  } finally {
    await cloud.close();
  }
  const figures = {
    runs,
    firstPaintsMs: bundled.firstPaintsMs,
    withBundledCloud,
    hostOnly,
    note:
      `the run with the median first paint of ${runs}, each; web shell run from its bundle ` +
      '(dist/web-shell/main.mjs); Chromium headless; paint timed inside the page',
  };
  mkdirSync('test-results/figures', { recursive: true });
  writeFileSync('test-results/figures/web-shell.json', `${JSON.stringify(figures, null, 2)}\n`);
  console.log(JSON.stringify(figures, null, 2));
  recordFigures({
    benchmark: 'web-shell',
    parameters: {},
    figures: [
      rowFigure('webShellFirstPaint', {
        value: withBundledCloud.startToFirstPaintMs,
        unit: 'ms',
        note:
          `median of ${runs}; ${withBundledCloud.cpuToFirstPaintMs} ms CPU (the web shell's, every thread), load ` +
          `${withBundledCloud.loadAverage}; listening at ${withBundledCloud.phases.listening} ms, cloud ` +
          `ready at ${withBundledCloud.processReadyMs} ms; ${hostOnly.startToFirstPaintMs} ms ` +
          `with the cloud in another process`,
      }),
      {
        measure: 'first sign-in after start (bundled cloud, loads the sign-in modules)',
        value: withBundledCloud.firstSignInMs,
        unit: 'ms',
        note:
          'begun at first paint, so it includes waiting for the bundled cloud, which starts ' +
          `then (ready at ${withBundledCloud.processReadyMs} ms from spawn)`,
      },
    ],
  });
} finally {
  await browser.close();
}
