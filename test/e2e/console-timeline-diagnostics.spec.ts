/**
 * The console's Timeline and Diagnostics pages on the Okta sync error: the connector in the web
 * shell signs alice in before she is provisioned (Connection Error) and exports its logs; the
 * admin sees her timeline, then imports that real Export Logs ZIP.
 */
import { expect, test } from './fixtures.js';
import { AdminConsolePage } from './pages/admin-console.page.js';
import { ConnectorApp } from './pages/connector-app.page.js';
import { ConsoleDiagnosticsPage } from './pages/console/diagnostics.page.js';
import { ConsoleTimelinePage } from './pages/console/timeline.page.js';
import { IdpLoginPage } from './pages/idp-login.page.js';
import { PrivateAccessPage } from './pages/private-access.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { TroubleshootPage } from './pages/troubleshoot.page.js';
import { DEMO_PASSWORD, screen } from './support/harness.js';

const ALICE = 'alice@acme.example';
const CODE = 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE';

test("Timeline and Diagnostics: alice's Okta sync error, from the cloud and from her exported logs", async ({
  harness: h,
  shell,
}) => {
  const okta = await h.admin.idp('Okta (SAML)');
  await h.admin.connectScim(okta.id);
  await h.admin.waitForUserState(okta.id, ALICE, 'out_of_sync');
  const popup = await h.loginWindow(() => new SignInPage(h.page).start(ALICE));
  await new IdpLoginPage(popup).signIn(ALICE, DEMO_PASSWORD);
  await expect(new PrivateAccessPage(h.page).serviceStatus).toHaveText('Connection Error');
  await new ConnectorApp(h.page).go('Troubleshoot');
  const download = h.page.waitForEvent('download');
  await new TroubleshootPage(h.page).exportLogs.click();
  const zipPath = (await (await download).path())!;

  const page = await h.page.context().newPage();
  const admin = new AdminConsolePage(page);
  await admin.open(shell.cloudUrl);
  await admin.signIn(shell.adminToken);

  await admin.go('Timeline');
  const timeline = new ConsoleTimelinePage(page);
  await timeline.user.fill(ALICE);
  await timeline.show.click();
  await expect(timeline.picture(ALICE)).toContainText(`Error ${CODE}`);
  await expect(timeline.picture(ALICE)).toContainText('(Client): Service Status: Connection Error');
  await screen(h, 'console-timeline', timeline.picture(ALICE), page);

  await admin.go('Diagnostics');
  const diagnostics = new ConsoleDiagnosticsPage(page);
  await diagnostics.zip.setInputFiles(zipPath);
  await diagnostics.importButton.click();
  await expect(admin.status).toHaveText(/^Imported .+ as DIAG-\d{8}-[0-9A-F]{8}\.$/);
  await expect(diagnostics.picture(ALICE)).toContainText(`Error ${CODE}`);
  const explained = diagnostics.explained(CODE);
  await expect(explained).toContainText('PROVISION_OUT_OF_SYNC_USERS');
  await expect(explained).toContainText('What the user can do');
  await screen(h, 'console-diagnostics', diagnostics.errors, page);

  // Not a ZIP: the API's refusal in the console's alert.
  await diagnostics.zip.setInputFiles({
    name: 'notes.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('not a zip at all'),
  });
  await diagnostics.importButton.click();
  await expect(admin.error).toHaveText('The body is not a ZIP file.');
  await page.close();
});
