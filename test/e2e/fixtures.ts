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
  harness: async ({ page, shell }, use, testInfo) => {
    const harness: Harness = {
      host: 'web-shell',
      page,
      admin: new AdminApi(shell.cloudUrl, shell.adminToken),
      cloudUrl: shell.cloudUrl,
      async loginWindow(trigger) {
        const popup = page.waitForEvent('popup', { timeout: 3_000 }).catch(() => null);
        await trigger();
        const opened = await popup;
        if (opened) return opened;
        // The renderer should open GET /login in a popup itself (see the README): until it does,
        // the test opens it as that popup would.
        testInfo.annotations.push({
          type: 'renderer',
          description: 'The renderer opened no sign-in popup; the test opened /login itself.',
        });
        const tab = await page.context().newPage();
        await tab.goto(new URL('/login', shell.url).href);
        return tab;
      },
      sessionToken: async () => shell.sessionToken(),
      rssBytes: async () => shell.rssBytes(),
    };
    await page.goto(shell.url);
    await use(harness);
  },
});

export { expect } from '@playwright/test';
