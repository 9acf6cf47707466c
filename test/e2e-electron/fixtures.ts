/**
 * The same stories in the real Electron app (Playwright `_electron`): a throwaway profile, the
 * bundled cloud on `:memory:` in its own process, a known admin token. Where the Electron binary
 * is not installed (it cannot be downloaded on this project's machines), every test is skipped
 * and says why.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, type ElectronApplication } from '@playwright/test';
import { electronBinary } from '../../build/electron-binary.mjs';
import type { ConnectorApi } from '../../shared/contract/connector-contract.js';
import { AdminApi } from '../e2e/support/admin-api.js';
import type { Harness } from '../e2e/support/harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const electron = electronBinary();
let built = false;
if (!electron.bin) {
  console.log(`[electron] stories skipped: Electron binary not available (${electron.reason}).`);
}

export const test = base.extend<{ electronApp: ElectronApplication; harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern
  electronApp: async ({}, use, testInfo) => {
    testInfo.skip(
      !electron.bin,
      `Electron binary not available: ${electron.reason}. These stories run in the web shell ` +
        '(project "web"); run them where Electron can be installed: xvfb-run -a npx playwright ' +
        'test --project electron.',
    );
    if (!built) {
      execFileSync(process.execPath, [join(ROOT, 'build', 'build-electron.mjs')], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      built = true;
    }
    const userData = mkdtempSync(join(tmpdir(), 'cc-electron-'));
    const app = await _electron.launch({
      executablePath: electron.bin!,
      // The folder, not the bundle: Electron then takes the app's name and version from
      // package.json (`main` is the bundle). Chromium's sandbox refuses to run as root (CI).
      args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: ROOT,
      env: {
        ...process.env,
        CONNECTOR_USER_DATA: userData,
        CONNECTOR_CLOUD_DB: ':memory:',
        CONNECTOR_ADMIN_TOKEN: ADMIN_TOKEN,
        CONNECTOR_APP_ROOT: ROOT,
        CONNECTOR_NODE: process.execPath,
      },
    });
    await use(app);
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  },
  harness: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow();
    await page.waitForFunction(() => 'connector' in window);
    const settings = await page.evaluate(() =>
      (window as unknown as { connector: ConnectorApi }).connector.call('getSettings'),
    );
    if (!settings.ok || !settings.value.bundledCloudUrl) {
      throw new Error(`The app has no bundled cloud: ${JSON.stringify(settings)}`);
    }
    const cloudUrl = settings.value.bundledCloudUrl;
    const pid = electronApp.process().pid;
    await use({
      host: 'electron',
      page,
      admin: new AdminApi(cloudUrl, ADMIN_TOKEN),
      cloudUrl,
      async loginWindow(trigger) {
        const opened = electronApp.waitForEvent('window');
        await trigger();
        return opened;
      },
      // safeStorage keeps it encrypted (or in memory only): not readable from outside.
      sessionToken: async () => null,
      rssBytes: async () => {
        try {
          const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
          return kb ? Number(kb) * 1024 : null;
        } catch {
          return null;
        }
      },
    });
  },
});

const ADMIN_TOKEN = randomBytes(16).toString('hex');

export { expect } from '@playwright/test';
