import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const executablePath =
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p): p is string => !!p && existsSync(p),
  ) ?? '/usr/bin/chromium';

/** A window size from the environment ("360x760"), else the default. */
function sizeFrom(value: string | undefined, fallback: { width: number; height: number }) {
  const [width, height] = (value ?? '').split('x').map(Number);
  return width && height ? { width, height } : fallback;
}

/**
 * The desktop size, and the Electron main window's own size (electron/main/main.ts). To look at
 * other sizes, `E2E_DESKTOP=1440x900` or `E2E_NARROW=360x760` change them (the screenshots go to
 * test-results/screens/<width>x<height>/).
 */
const DESKTOP = sizeFrom(process.env.E2E_DESKTOP, { width: 1100, height: 820 });
const NARROW = sizeFrom(process.env.E2E_NARROW, { width: 440, height: 760 });

/** The seven user stories (01..07), run at both sizes; the other specs run at the desktop size. */
const STORIES = /\/0[1-7]-[^/]*\.spec\.ts$/;

/**
 * Projects: `web` drives the real renderer in the web shell (its own process, a fresh in-memory
 * cloud per test) in Debian's Chromium at a desktop size; `web-narrow` runs the seven stories
 * again in a window as narrow as the Electron app's (440 × 760), where every page they visit
 * must fit without sideways scrolling; `electron` runs the same stories in the Electron app with
 * Playwright's `_electron`, and skips, saying why, where the Electron binary is not installed
 * (it cannot be downloaded on this project's machines).
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
    { name: 'web', testDir: 'test/e2e', use: { viewport: DESKTOP } },
    { name: 'web-narrow', testDir: 'test/e2e', testMatch: STORIES, use: { viewport: NARROW } },
    { name: 'electron', testDir: 'test/e2e-electron' },
  ],
});
