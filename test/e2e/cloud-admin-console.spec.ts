/**
 * The admin console (/admin) driven like an admin: the seed's steps on IdP Configuration, then
 * the IdP side (endpoint and token pasted in, test connection, provisioning on), the Okta
 * out-of-sync users and both fixes (Provision User; PROVISION_OUT_OF_SYNC_USERS + reassign),
 * the SCIM users and sync logs with their filters, and the clock.
 */
import { expect, test } from '@playwright/test';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { AdminConsolePage } from './pages/admin-console.page.js';
import { AssignmentsPage } from './pages/console/assignments.page.js';
import { ClockPage } from './pages/console/clock.page.js';
import { IdpConfigurationPage } from './pages/console/idp-configuration.page.js';
import { ProvisioningPage } from './pages/console/provisioning.page.js';

let cloud: RunningCloud;

test.beforeEach(async () => {
  cloud = await startCloud({ port: 0, db: ':memory:', adminToken: 'e2e-admin' });
});
test.afterEach(async () => cloud.close());

const oktaId = () => cloud.idps.list().find((i) => i.name === 'Okta (SAML)')!.id;

test('loads under its strict CSP without an eval violation (the contract builds its schemas jitless)', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|unsafe-eval|CSP violation/i.test(m.text()))
      violations.push(m.text());
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective}`),
    ),
  );
  const admin = new AdminConsolePage(page);
  await admin.open(cloud.baseUrl);
  await admin.signIn('e2e-admin');
  await expect(new IdpConfigurationPage(page).cell('Okta (SAML)', 'SCIM Sync')).toHaveText(
    'Disabled',
  );
  expect(violations).toEqual([]);
});

test("the seed's steps: Enabled for SCIM Sync, endpoint, Generate New Token (the tick stays), SCIM Attributes for Policy, Save", async ({
  page,
}) => {
  const admin = new AdminConsolePage(page);
  const idps = new IdpConfigurationPage(page);
  await admin.open(cloud.baseUrl);
  await expect(admin.heading).toHaveText('Admin console');

  // A wrong token is refused with the API's message; the right one opens the console.
  await admin.signIn('not-the-token');
  await expect(admin.error).toHaveText('Missing or invalid admin bearer token.');
  await admin.signIn('e2e-admin');
  await expect(admin.error).toBeHidden();
  await expect(idps.cell('Okta (SAML)', 'SCIM Sync')).toHaveText('Disabled');
  expect(page.url()).not.toContain('e2e-admin');

  // Edit → Enabled for SCIM Sync → copy the endpoint → Generate New Token → SCIM Attributes
  // for Policy → Save, in this order.
  await idps.edit('Okta (SAML)');
  await expect(idps.editPanel).toBeVisible();
  await expect(idps.scimSync).toBeFocused();
  await expect(idps.scimAttributesForPolicy).toBeDisabled();
  await idps.scimSync.check();
  await expect(idps.scimEndpoint).toHaveValue(cloud.idps.get(oktaId()).scimEndpoint);
  await idps.copyEndpoint.click();
  await expect(admin.status).toHaveText(/SCIM Service Provider Endpoint (copied|selected)/);
  await idps.generateToken.click();
  await expect(idps.tokenWarning).toBeVisible();
  const token = await idps.newToken.inputValue();
  expect(token.length).toBeGreaterThan(20);
  // The bug of the old console: generating the token cleared the tick.
  await expect(idps.scimSync).toBeChecked();
  await expect(idps.cell('Okta (SAML)', 'SCIM token')).toHaveText('Set');
  await idps.scimAttributesForPolicy.check();
  await idps.save.click();
  await expect(admin.status).toHaveText('Saved Okta (SAML).');
  await expect(idps.cell('Okta (SAML)', 'SCIM Sync')).toHaveText('Enabled');
  await expect(idps.cell('Okta (SAML)', 'SCIM Attributes for Policy')).toHaveText('Enabled');
  const saved = cloud.idps.get(oktaId());
  expect([saved.scimSyncEnabled, saved.scimAttributesForPolicy]).toEqual([true, true]);

  // The token shown once works against the endpoint; Save again has nothing to save.
  const res = await fetch(`${saved.scimEndpoint}/Users`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  await idps.save.click();
  await expect(admin.status).toHaveText('Nothing to save.');

  // Close gives the keyboard back to the row's Edit button; a reload keeps the session, not
  // the token shown once.
  await idps.close.click();
  await expect(page.getByRole('button', { name: 'Edit Okta (SAML)' })).toBeFocused();
  await page.reload();
  await expect(idps.row('Okta (SAML)')).toBeVisible();
  await expect(idps.newToken).toBeHidden();
});

test("the cloud's refusal shows, and the Edit panel then shows what the cloud has", async ({
  page,
}) => {
  const admin = new AdminConsolePage(page);
  const idps = new IdpConfigurationPage(page);
  await admin.open(cloud.baseUrl);
  await admin.signIn('e2e-admin');
  cloud.idps.update(oktaId(), { scimSyncEnabled: true });
  await page.reload();
  await idps.edit('Okta (SAML)');
  await expect(idps.scimSync).toBeChecked();
  // Another admin turns SCIM Sync off meanwhile: the panel still allows the policy tick.
  cloud.idps.update(oktaId(), { scimSyncEnabled: false });
  await idps.scimAttributesForPolicy.check();
  await idps.save.click();
  await expect(admin.error).toContainText(
    'SCIM Attributes for Policy can only be enabled while SCIM Sync is enabled',
  );
  await expect(idps.scimSync).not.toBeChecked();
  await expect(idps.scimAttributesForPolicy).toBeDisabled();
  await expect(idps.scimAttributesForPolicy).not.toBeChecked();
});

test("Okta's To App switches: all on as Zscaler's guide sets them; Deactivate Users off is saved", async ({
  page,
}) => {
  const admin = new AdminConsolePage(page);
  await admin.open(cloud.baseUrl);
  await admin.signIn('e2e-admin');
  await admin.go('Provisioning (IdP side)');
  const prov = new ProvisioningPage(page);
  for (const name of ['Create Users', 'Update User Attributes', 'Deactivate Users']) {
    await expect(prov.toApp(name)).toBeChecked();
  }
  await prov.toApp('Deactivate Users').uncheck();
  await prov.save.click();
  await expect(admin.status).toHaveText('Provisioning saved (disabled) for Okta (SAML).');
  const saved = await fetch(`${cloud.baseUrl}/api/admin/idps/${oktaId()}/provisioning`, {
    headers: { authorization: 'Bearer e2e-admin' },
  }).then((r) => r.json() as Promise<{ toApp: Record<string, boolean> }>);
  expect(saved.toApp).toEqual({
    createUsers: true,
    updateUserAttributes: true,
    deactivateUsers: false,
  });
  await page.reload();
  await admin.go('Provisioning (IdP side)');
  await expect(prov.toApp('Deactivate Users')).not.toBeChecked();
});

test('the IdP side: endpoint and token pasted in, test connection, out-of-sync users and both fixes, SCIM users, sync logs, clock', async ({
  page,
}) => {
  const admin = new AdminConsolePage(page);
  const idps = new IdpConfigurationPage(page);
  await admin.open(cloud.baseUrl);
  await admin.signIn('e2e-admin');
  await idps.edit('Okta (SAML)');
  await idps.scimSync.check();
  await idps.generateToken.click();
  const token = await idps.newToken.inputValue();
  const endpoint = await idps.scimEndpoint.inputValue();
  await idps.save.click();
  await expect(admin.status).toHaveText('Saved Okta (SAML).');

  // In "Okta": paste, test, then switch provisioning on (PROVISION_OUT_OF_SYNC_USERS off).
  await admin.go('Provisioning (IdP side)');
  await expect(admin.idpPicker).toHaveValue(oktaId());
  const prov = new ProvisioningPage(page);
  await prov.url().fill(endpoint);
  await prov.token.fill('wrong-token');
  await prov.testConnection.click();
  await expect(prov.testResult).toContainText('HTTP 401');
  await prov.token.fill(token);
  await prov.testConnection.click();
  await expect(prov.testResult).toHaveText(
    'The SCIM endpoint and token were verified successfully.',
  );
  await expect(prov.outOfSyncOption).not.toBeChecked();
  await prov.enabled.check();
  await prov.save.click();
  await expect(admin.status).toHaveText('Provisioning enabled for Okta (SAML).');

  // Users assigned before provisioning was enabled stay out of sync (the Okta sync error).
  const refreshUntil = async (user: string, state: string) =>
    expect(async () => {
      await prov.refresh.click();
      await expect(prov.userRow(user)).toContainText(state, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
  await refreshUntil('alice@acme.example', 'out of sync');

  // Fix B: Provision User, one user.
  await prov.provisionUser('alice@acme.example');
  await refreshUntil('alice@acme.example', 'provisioned');
  await expect(prov.userRow('bob@acme.example')).toContainText('out of sync');

  // Fix A: PROVISION_OUT_OF_SYNC_USERS, then unassign and reassign the group.
  await prov.outOfSyncOption.check();
  await prov.save.click();
  await expect(admin.status).toHaveText('Provisioning enabled for Okta (SAML).');
  await admin.go('Assignments');
  const assignments = new AssignmentsPage(page);
  await expect(assignments.groups).toContainText('ZPA Users');
  await assignments.reassign('ZPA Users');
  await expect(admin.status).toHaveText('Reassigned ZPA Users.');
  await admin.go('Provisioning (IdP side)');
  await refreshUntil('bob@acme.example', 'provisioned');

  // What the cloud's SCIM service now has, with a SCIM filter.
  await admin.go('SCIM Users and Groups');
  const scimUsers = page.getByRole('table', { name: 'SCIM users' });
  await expect(scimUsers).toContainText('alice@acme.example');
  await page.getByLabel('SCIM filter').first().fill('userName eq "bob@acme.example"');
  await page.getByRole('button', { name: 'Search SCIM users' }).click();
  await expect(scimUsers.getByRole('row')).toHaveCount(2);
  await expect(scimUsers).toContainText('bob@acme.example');

  // The SCIM requests, filtered to the POSTs that created users.
  await admin.go('SCIM Sync Logs');
  await page.getByLabel('Method').selectOption('POST');
  await page.getByLabel('Entity type').selectOption('User');
  await page.getByRole('button', { name: 'Refresh SCIM Sync Logs' }).click();
  const logs = page.getByRole('table', { name: 'SCIM sync logs' });
  await expect(logs.getByRole('row').filter({ hasText: 'bob@acme.example' })).toContainText('201');
  await expect(logs).not.toContainText('GET');

  // The clock: +1 hour, set two days ahead, back to real time.
  await admin.go('Clock');
  const clock = new ClockPage(page);
  const before = cloud.clock.now();
  await clock.advance('+1 hour');
  await expect(page.getByText('1 h ahead of real time')).toBeVisible();
  expect(cloud.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
  const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);
  await clock.at.fill(inTwoDays);
  await clock.set.click();
  await expect(clock.now).toHaveText(`${inTwoDays.replace('T', ' ')}:00 UTC`);
  await clock.realTime.click();
  await expect(page.getByText('(real time)')).toBeVisible();
  expect(cloud.clock.offset).toBe(0);
});
