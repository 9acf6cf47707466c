import { expect, test } from '@playwright/test';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { CloudHomePage } from './pages/cloud-home.page.js';

let cloud: RunningCloud;

test.beforeAll(async () => {
  cloud = await startCloud({ port: 0, db: ':memory:', adminToken: 'e2e-admin' });
});
test.afterAll(async () => cloud.close());

test('the cloud front page lists the IdPs and shows SCIM Sync as the admin sets it', async ({
  page,
}) => {
  const home = new CloudHomePage(page);
  await home.open(cloud.baseUrl);
  await expect(home.heading).toHaveText('Private Access Cloud (simulator)');
  await expect(home.row('Okta (SAML)')).toContainText('Disabled');

  const okta = cloud.idps.list().find((i) => i.name === 'Okta (SAML)')!;
  const res = await fetch(`${cloud.baseUrl}/api/admin/idps/${okta.id}`, {
    method: 'PATCH',
    headers: { authorization: 'Bearer e2e-admin', 'content-type': 'application/json' },
    body: JSON.stringify({ scimSyncEnabled: true }),
  });
  expect(res.status).toBe(200);

  await page.reload();
  await expect(home.row('Okta (SAML)')).toContainText('Enabled');
  await expect(home.row('Okta (SAML)')).toContainText(okta.scimEndpoint);
  await page.screenshot({ path: 'test-results/screens/cloud-home.png', fullPage: true });
});
