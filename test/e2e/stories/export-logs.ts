import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { ConnectorApp } from '../pages/connector-app.page.js';
import { TroubleshootPage } from '../pages/troubleshoot.page.js';
import { DEMO_PASSWORD, screen, type Harness } from '../support/harness.js';
import { signInAs } from './oidc-apps.js';

/** Story 7: Export Logs gives a ZIP of the client's logs without the session token or a password. */
export async function exportLogs(h: Harness) {
  const pa = await signInAs(h, 'alice@acme.example');
  await expect(pa.serviceStatus).toHaveText('On');
  // The web shell's secret file can be read; Electron's is encrypted by safeStorage.
  const token = await h.sessionToken();
  if (h.host === 'web-shell') expect(token, 'the host stored a session token').toBeTruthy();

  const app = new ConnectorApp(h.page);
  await app.go('Troubleshoot');
  const troubleshoot = new TroubleshootPage(h.page);
  await screen(h, 'troubleshoot');
  const download = h.page.waitForEvent('download');
  await troubleshoot.exportLogs.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ClientConnector-logs-\d{8}T\d{6}Z\.zip$/);
  const zip = unzipSync(new Uint8Array(await readFile((await file.path())!)));
  expect(Object.keys(zip).sort()).toEqual([
    'about.json',
    'client.log',
    'state.json',
    'timeline.json',
  ]);
  const text = Object.values(zip)
    .map((f) => strFromU8(f))
    .join('\n');
  expect(strFromU8(zip['client.log']!)).toContain('signed in');
  expect(text).toContain('alice@acme.example');
  if (token) expect(text).not.toContain(token);
  expect(text).not.toContain(DEMO_PASSWORD);
  expect(text).not.toMatch(/SAMLResponse=(?!\[REDACTED\])/);
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);

  // The remaining pages and the dialog, each checked for sideways overflow and shot.
  await troubleshoot.reportIssue.click();
  const dialog = h.page.getByRole('dialog', { name: 'Report an Issue' });
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog.getByLabel('Comments')).toHaveAttribute('aria-invalid', 'true');
  await screen(h, 'report-issue');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  for (const [page, shot] of [
    ['Notifications', 'notifications'],
    ['About', 'about'],
    ['Settings', 'settings'],
  ] as const) {
    await app.go(page);
    await screen(h, shot);
  }
}
