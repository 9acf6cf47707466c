import { chromium } from '@playwright/test';
import playwrightConfig from '../../../playwright.config.js';
import { startWebShellProcess } from '../../e2e/support/web-shell.js';
import { SignInPage } from '../../e2e/pages/sign-in.page.js';
const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
const shell = await startWebShellProcess([]);
for (let i = 0; i < 6; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(shell.url);
  await new SignInPage(page).heading.waitFor();
  const t = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    const firstAsset = Math.min(...performance.getEntriesByType('resource').filter((r) => /assets/.test(r.name)).map((r) => r.startTime));
    return { redirectStart: n.redirectStart, redirectEnd: n.redirectEnd, fetchStart: n.fetchStart, responseStart: n.responseStart, responseEnd: n.responseEnd, firstAsset, domInteractive: n.domInteractive, fcp, redirects: n.redirectCount };
  });
  console.log(JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v ?? -1)]))));
  await context.close();
}
await shell.stop();
await browser.close();
