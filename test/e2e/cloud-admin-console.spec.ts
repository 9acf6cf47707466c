import { expect, test } from '@playwright/test';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { AdminConsolePage } from './pages/admin-console.page.js';

let cloud: RunningCloud;

test.beforeAll(async () => {
  cloud = await startCloud({ port: 0, db: ':memory:', adminToken: 'e2e-admin' });
});
test.afterAll(async () => cloud.close());

test('the admin console configures SCIM for an IdP', async ({ page }) => {
  const admin = new AdminConsolePage(page);
  await admin.open(cloud.baseUrl);
  await expect(admin.heading).toHaveText('Admin console');

  // A wrong token is refused with the API's message; the right one opens the console.
  await admin.signIn('not-the-token');
  await expect(admin.error).toHaveText('Missing or invalid admin bearer token.');
  await admin.signIn('e2e-admin');
  await expect(admin.error).toBeHidden();
  await expect(admin.row('Okta (SAML)')).toContainText('Disabled');
  expect(page.url()).not.toContain('e2e-admin');

  // Enable SCIM Sync for Okta (SAML).
  const okta = cloud.idps.list().find((i) => i.name === 'Okta (SAML)')!;
  await admin.edit('Okta (SAML)');
  await expect(admin.editPanel).toBeVisible();
  await expect(admin.scimAttributesForPolicy).toBeDisabled();
  await admin.scimSync.check();
  await expect(admin.scimAttributesForPolicy).toBeEnabled();
  await admin.save.click();
  await expect(admin.row('Okta (SAML)').getByRole('cell').nth(3)).toHaveText('Enabled');
  expect(cloud.idps.get(okta.id).scimSyncEnabled).toBe(true);

  // SCIM Attributes for Policy while SCIM Sync is off: another admin turns Sync off meanwhile,
  // so the panel still allows it; the cloud refuses and the console shows its message.
  cloud.idps.update(okta.id, { scimSyncEnabled: false });
  await admin.scimAttributesForPolicy.check();
  await admin.save.click();
  await expect(admin.error).toContainText(
    'SCIM Attributes for Policy can only be enabled while SCIM Sync is enabled',
  );
  // The panel now shows what the cloud has: Sync off, so the checkbox is disabled again.
  await expect(admin.scimSync).not.toBeChecked();
  await expect(admin.scimAttributesForPolicy).toBeDisabled();
  await expect(admin.scimAttributesForPolicy).not.toBeChecked();

  // Enable Sync again, generate a token: shown once, and it works against the SCIM endpoint.
  await admin.scimSync.check();
  await admin.save.click();
  await expect(admin.error).toBeHidden();
  await expect(admin.row('Okta (SAML)').getByRole('cell').nth(3)).toHaveText('Enabled');
  await expect(admin.scimEndpoint).toHaveValue(okta.scimEndpoint);
  await admin.generateToken.click();
  await expect(admin.tokenWarning).toBeVisible();
  const token = await admin.newToken.inputValue();
  expect(token.length).toBeGreaterThan(20);
  const endpoint = await admin.scimEndpoint.inputValue();
  const res = await fetch(`${endpoint}/Users`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  await expect(admin.row('Okta (SAML)')).toContainText('Set');

  await page.screenshot({ path: 'test-results/screens/admin-console.png', fullPage: true });

  // The token never reaches the URL, and reloading keeps the session (sessionStorage).
  await page.reload();
  await expect(admin.row('Okta (SAML)')).toBeVisible();
  await expect(admin.newToken).toBeHidden();
});
