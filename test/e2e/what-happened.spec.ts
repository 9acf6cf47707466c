import { expect, test } from './fixtures.js';
import { ConnectorApp } from './pages/connector-app.page.js';
import { IdpLoginPage } from './pages/idp-login.page.js';
import { expectNoSidewaysScroll } from './pages/layout.js';
import { PrivateAccessPage } from './pages/private-access.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { TroubleshootPage } from './pages/troubleshoot.page.js';
import { DEMO_PASSWORD, screen } from './support/harness.js';

const CODE = 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE';

test("What happened: after the Okta sync error, the timeline marks the error's moment", async ({
  harness: h,
}) => {
  // The Okta story's error: SCIM Sync on, alice assigned before provisioning, she signs in.
  const okta = await h.admin.idp('Okta (SAML)');
  await h.admin.connectScim(okta.id);
  await h.admin.waitForUserState(okta.id, 'alice@acme.example', 'out_of_sync');
  const popup = await h.loginWindow(() => new SignInPage(h.page).start('alice@acme.example'));
  await new IdpLoginPage(popup).signIn('alice@acme.example', DEMO_PASSWORD);
  await expect(new PrivateAccessPage(h.page).serviceStatus).toHaveText('Connection Error');

  await new ConnectorApp(h.page).go('Troubleshoot');
  const troubleshoot = new TroubleshootPage(h.page);
  await expect(troubleshoot.timeline).toContainText(
    new RegExp(
      `Error ${CODE} at \\d\\d:\\d\\d:\\d\\d \\(Client\\): Service Status: Connection Error`,
    ),
  );
  // The cloud's side is on the same axis: the sign-in the SCIM check refused, Okta's out-of-sync.
  const tableToggle = troubleshoot.whatHappened.getByRole('button', { name: /events as a table/ });
  await tableToggle.click();
  const table = troubleshoot.whatHappened.getByRole('table');
  await expect(table.getByRole('row').filter({ hasText: /not synced/ })).toContainText(CODE);
  await expect(table.getByRole('row').filter({ hasText: /out-of-sync/ })).toContainText('IdP');
  await expect(table.getByRole('row').filter({ hasText: /scimSyncEnabled/ })).toContainText(
    'Config',
  );

  await expectNoSidewaysScroll(h.page);
  await tableToggle.click(); // the pictures show the picture

  for (const size of [
    { width: 440, height: 760 },
    { width: 1280, height: 800 },
  ]) {
    await h.page.setViewportSize(size);
    await expectNoSidewaysScroll(h.page);
    await screen(h, 'what-happened', troubleshoot.whatHappened);
  }
});
