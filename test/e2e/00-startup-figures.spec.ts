/**
 * Figures, printed (never asserted): web-shell start to first paint (process spawn to the first
 * rendered state in Chromium) and the web shell host's resident memory after a sign-in. Written
 * to test-results/figures/web-shell.json as well.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startCloud } from '../../electron/cloud/cloud.js';
import { IdpLoginPage } from './pages/idp-login.page.js';
import { PrivateAccessPage } from './pages/private-access.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { DEMO_PASSWORD } from './support/harness.js';
import { startWebShellProcess } from './support/web-shell.js';

async function measure(page: Page, context: BrowserContext, extraArgs: string[] = []) {
  const shell = await startWebShellProcess(extraArgs);
  try {
    await page.goto(shell.url);
    const signIn = new SignInPage(page);
    await expect(signIn.heading).toBeVisible();
    const firstPaint = performance.now();
    const rssBeforeSignIn = shell.rssBytes();

    await signIn.start('erin@globex.example');
    const popup = await context.newPage();
    await popup.goto(new URL('/login', shell.url).href);
    await new IdpLoginPage(popup).signIn('erin@globex.example', DEMO_PASSWORD);
    const pa = new PrivateAccessPage(page);
    await expect(pa.serviceStatus).toHaveText('On');
    await page.waitForTimeout(1000);
    const rssAfterSignIn = shell.rssBytes();

    return {
      processReadyMs: Math.round(shell.readyAt - shell.spawnedAt),
      startToFirstPaintMs: Math.round(firstPaint - shell.spawnedAt),
      pageLoadToFirstPaintMs: Math.round(firstPaint - shell.readyAt),
      rssBeforeSignInMiB: rssBeforeSignIn ? +(rssBeforeSignIn / 2 ** 20).toFixed(1) : null,
      rssAfterSignInMiB: rssAfterSignIn ? +(rssAfterSignIn / 2 ** 20).toFixed(1) : null,
    };
  } finally {
    expect(await shell.stop()).toBe(0);
  }
}

test('web shell: start to first paint, and memory after sign-in', async ({ page, context }) => {
  // As `npm run start:web` runs: the bundled cloud in the same process.
  const bundled = await measure(page, context);
  // The host alone: the cloud in another process (here, the test's).
  const cloud = await startCloud({ port: 0, db: ':memory:' });
  let hostOnly;
  try {
    hostOnly = await measure(page, context, ['--cloud', cloud.baseUrl]);
  } finally {
    await cloud.close();
  }
  const figures = {
    withBundledCloud: bundled,
    hostOnly,
    note: 'web shell run from source with tsx (node --import tsx); Chromium headless',
  };
  mkdirSync('test-results/figures', { recursive: true });
  writeFileSync('test-results/figures/web-shell.json', `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`web shell figures: ${JSON.stringify(figures)}`);
  test.info().annotations.push({ type: 'figures', description: JSON.stringify(figures) });
});
