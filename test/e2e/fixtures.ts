/**
 * The e2e fixture: a fresh web shell (bundled in-memory cloud) per test, in Chromium. The worker
 * starts each test's web shell while the test before it runs (support/shell-pool.ts).
 */
import { test as base } from '@playwright/test';
import { AdminApi } from './support/admin-api.js';
import type { Harness } from './support/harness.js';
import { ShellPool } from './support/shell-pool.js';
import { startWebShellProcess, type WebShellProcess } from './support/web-shell.js';

export const test = base.extend<
  { shell: WebShellProcess; harness: Harness },
  { shellPool: ShellPool }
>({
  shellPool: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const pool = new ShellPool(() => startWebShellProcess());
      await use(pool);
      await pool.close();
    },
    { scope: 'worker' },
  ],
  shell: async ({ shellPool }, use) => {
    const shell = await shellPool.take();
    await use(shell);
    shellPool.prepareNext();
    const code = await shell.stop();
    if (code !== 0)
      throw new Error(`The web shell did not close cleanly on SIGTERM (exit ${code}).`);
  },
  harness: async ({ page, shell, shellPool }, use) => {
    const harness: Harness = {
      host: 'web-shell',
      page,
      admin: new AdminApi(shell.cloudUrl, shell.adminToken),
      cloudUrl: shell.cloudUrl,
      async loginWindow(trigger) {
        // The renderer opens GET /login in a popup in the click itself (see the README): a story
        // that gets no popup has found a broken sign-in, so this waits for it and never opens one.
        // Playwright reports the popup once its first page has loaded, and GET /login answers only
        // when the sign-in has started (the first one loads the IdP's modules): on a loaded
        // machine that took over 5 s, so the wait is the assertions' own 15 s.
        const popup = page.waitForEvent('popup', { timeout: 15_000 });
        await trigger();
        return popup;
      },
      sessionToken: async () => shell.sessionToken(),
      rssBytes: async () => shell.rssBytes(),
    };
    await page.goto(shell.url);
    // The window has loaded: the next test's web shell starts beside this test's steps, not
    // beside its first paint.
    shellPool.prepareNext();
    await use(harness);
  },
});

export { expect } from '@playwright/test';
