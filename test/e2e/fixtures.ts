/** The e2e fixture: a fresh web shell (bundled in-memory cloud) per test, in Chromium. */
import { test as base } from '@playwright/test';
import { AdminApi } from './support/admin-api.js';
import type { Harness } from './support/harness.js';
import { startWebShellProcess, type WebShellProcess } from './support/web-shell.js';

export const test = base.extend<{ shell: WebShellProcess; harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern
  shell: async ({}, use) => {
    const shell = await startWebShellProcess();
    await use(shell);
    const code = await shell.stop();
    if (code !== 0)
      throw new Error(`The web shell did not close cleanly on SIGTERM (exit ${code}).`);
  },
  harness: async ({ page, shell }, use) => {
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
    await use(harness);
  },
});

export { expect } from '@playwright/test';
