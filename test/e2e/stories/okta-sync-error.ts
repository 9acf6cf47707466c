import { expect } from '@playwright/test';
import { ConnectorApp } from '../pages/connector-app.page.js';
import { IdpLoginPage } from '../pages/idp-login.page.js';
import { PrivateAccessPage } from '../pages/private-access.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { DEMO_PASSWORD, screen, type Harness } from '../support/harness.js';

/**
 * Story 3: the Okta sync error. Users assigned before SCIM provisioning was enabled are not
 * pushed, so with SCIM Sync on the cloud does not know alice: Connection Error with its code and
 * remedy. The real client's view shows only Connection Error; the insight view the code and the
 * fix. The admin sets PROVISION_OUT_OF_SYNC_USERS and unassigns + reassigns the group; the user
 * clicks Retry and connects.
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
  // The real client (default view): Connection Error and Retry, nothing of the cause.
  await expect(pa.serviceStatus).toHaveText('Connection Error');
  await expect(pa.retry).toBeVisible();
  await app.expectRealClientOnly();
  await screen(h, 'okta-sync-error-real');

  // The simulator's insight: the code, the cause and the admin's fix, marked as such.
  await app.useView('Simulator insight', 'Private Access');
  await app.expectInsight('BRK_MT_SETUP_FAIL_SCIM_INACTIVE');
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

  // The push channel stayed up in Connection Error: the insight view shows the fix landed at
  // once; like the real client, the connector does not reconnect by itself: the user clicks Retry.
  await expect(h.page.getByText('Active in the SCIM directory')).toBeVisible({ timeout: 2_000 });
  await expect(pa.serviceStatus).toHaveText('Connection Error');
  await pa.retry.click();
  await expect(pa.serviceStatus).toHaveText('On', { timeout: 5_000 });
  await expect(panel).toHaveCount(0);
  await screen(h, 'okta-sync-fixed');
}
