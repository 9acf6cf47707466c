import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const executablePath =
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p): p is string => !!p && existsSync(p),
  ) ?? '/usr/bin/chromium';

/**
 * Two projects: `web` drives the real renderer in the web shell (its own process, a fresh
 * in-memory cloud per test) in Debian's Chromium; `electron` runs the same stories in the
 * Electron app with Playwright's `_electron`, and skips, saying why, where the Electron binary
 * is not installed (it cannot be downloaded on this project's machines).
 */
export default defineConfig({
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  // A stray test.only must fail CI, not quietly run one test (CI=true is set by .ci/run).
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      // Without the background-networking flags Chromium floods the closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'web', testDir: 'test/e2e' },
    { name: 'electron', testDir: 'test/e2e-electron' },
  ],
});
