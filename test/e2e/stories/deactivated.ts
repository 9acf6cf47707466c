import { expect } from '@playwright/test';
import { AppsPage } from '../pages/apps.page.js';
import { ConnectorApp } from '../pages/connector-app.page.js';
import { PrivateAccessPage } from '../pages/private-access.page.js';
import { screen, type Harness } from '../support/harness.js';
import { signInAs } from './oidc-apps.js';

/** Story 5: alice is deactivated in the IdP while connected: access removed, and why. */
export async function deactivatedWhileConnected(h: Harness) {
  const okta = await h.admin.idp('Okta (SAML)');
  await h.admin.provisionOkta(okta.id);

  const pa = await signInAs(h, 'alice@acme.example');
  await expect(pa.serviceStatus).toHaveText('On');
  const app = new ConnectorApp(h.page);
  await app.go('Applications');
  const apps = new AppsPage(h.page);
  await apps.open('intranet.acme.example');
  await expect(apps.connections).toContainText('intranet.acme.example');

  const alice = await h.admin.directoryUser(okta.id, 'alice@acme.example');
  await h.admin.deactivateUser(okta.id, alice.id);

  await app.go('Private Access');
  await expect(new PrivateAccessPage(h.page).serviceStatus).toHaveText('Connection Error');
  await app.expectRealClientOnly();
  await screen(h, 'access-removed-real');

  // Insight: the session was terminated via SCIM (ZPN_ERR_SCIM_INACTIVE).
  await app.useView('Simulator insight', 'Private Access');
  await app.expectInsight('ZPN_ERR_SCIM_INACTIVE');
  const panel = h.page.getByRole('region', { name: /terminated via SCIM/i });
  await expect(panel).toContainText('ZPN_ERR_SCIM_INACTIVE');
  await expect(panel).toContainText(/administrator/i);
  await panel.getByRole('button', { name: 'Details' }).click();
  await expect(panel).toContainText('User termination request received from SCIM');
  await screen(h, 'access-removed', panel);

  await app.go('Applications');
  await expect(apps.connections).toHaveCount(0);
}
