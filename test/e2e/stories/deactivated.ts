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
  const panel = h.page.getByRole('region', { name: /disabled via SCIM|deactivated/i });
  await expect(panel).toContainText('MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE');
  await expect(panel).toContainText(/administrator/i);
  await screen(h, 'access-removed', panel);

  await app.go('Applications');
  await expect(apps.connections).toHaveCount(0);
}
