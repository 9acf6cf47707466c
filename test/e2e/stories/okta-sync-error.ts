import { expect } from '@playwright/test';
import { ConnectorApp } from '../pages/connector-app.page.js';
import { IdpLoginPage } from '../pages/idp-login.page.js';
import { PrivateAccessPage } from '../pages/private-access.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { DEMO_PASSWORD, screen, type Harness } from '../support/harness.js';

/**
 * Story 3: the Okta sync error. Users assigned before SCIM provisioning was enabled are not
 * pushed, so with SCIM Sync on the cloud does not know alice: Connection Error with its code and
 * remedy. The admin sets PROVISION_OUT_OF_SYNC_USERS and unassigns + reassigns the group; the
 * user clicks Retry and connects.
 */
export async function oktaSyncError(h: Harness) {
  // The starting state as the scenario okta-out-of-sync builds it (the console's Reproduce):
  // SCIM Sync on, Okta provisioning configured, the ZPA Users out of sync.
  const reproduced = await h.admin.request('POST', '/scenarios/okta-out-of-sync/reproduce');
  expect(reproduced.failed).toBe(0);
  const okta = await h.admin.idp('Okta (SAML)');
  expect(await h.admin.userState(okta.id, 'alice@acme.example')).toBe('out_of_sync');

  const signIn = new SignInPage(h.page);
  const popup = await h.loginWindow(() => signIn.start('alice@acme.example'));
  await new IdpLoginPage(popup).signIn('alice@acme.example', DEMO_PASSWORD);

  const pa = new PrivateAccessPage(h.page);
  const app = new ConnectorApp(h.page);
  await expect(pa.serviceStatus).toHaveText('Connection Error');
  const panel = h.page.getByRole('region', { name: /not synced via SCIM/i });
  await expect(panel).toContainText('BRK_MT_SETUP_FAIL_SCIM_INACTIVE');
  await expect(panel).toContainText(/Contact your administrator/i);
  await panel.getByRole('button', { name: 'Details' }).click();
  await expect(panel).toContainText(/PROVISION_OUT_OF_SYNC_USERS/);
  await screen(h, 'okta-sync-error', panel);
  await expect(app.nav).toBeVisible();

  // The admin's fix, as in Okta.
  await h.admin.configureProvisioning(okta.id, {
    enabled: true,
    vendorOptions: { provisionOutOfSyncUsers: true },
  });
  const group = await h.admin.directoryGroup(okta.id, 'ZPA Users');
  await h.admin.unassignGroup(okta.id, group.id);
  await h.admin.assignGroup(okta.id, group.id);
  await h.admin.waitForUserState(okta.id, 'alice@acme.example', 'provisioned');

  // The push channel stayed up in Connection Error: the fix reaches the connector, which
  // reconnects by itself (issue 8), so there is no Retry to press.
  await expect(pa.serviceStatus).toHaveText('On', { timeout: 2_000 });
  await expect(panel).toHaveCount(0);
  await screen(h, 'okta-sync-fixed');
}
