/**
 * The console's Policies page (a test decision with its trace, a rule edited) and Sessions page
 * (a real connector session shown with its status, then revoked).
 */
import { expect, test } from '@playwright/test';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { demoSessionToken } from '../helpers/connector-session.js';
import { AdminConsolePage } from './pages/admin-console.page.js';
import { PoliciesPage } from './pages/console/policies.page.js';
import { SessionsPage } from './pages/console/sessions.page.js';

let cloud: RunningCloud;

test.beforeEach(async ({ page }) => {
  cloud = await startCloud({ port: 0, db: ':memory:', adminToken: 'e2e-admin' });
  const admin = new AdminConsolePage(page);
  await admin.open(cloud.baseUrl);
  await admin.signIn('e2e-admin');
  await expect(admin.nav).toBeVisible();
});
test.afterEach(async () => cloud.close());

test('would alice reach payroll.acme.example:443? The decision, its code and its trace; then a rule edited', async ({
  page,
}) => {
  const admin = new AdminConsolePage(page);
  await admin.go('Policies');
  const policies = new PoliciesPage(page);

  // alice with her directory's attributes (Engineering): no rule allows Payroll for her.
  await policies.user.fill('alice@acme.example');
  await policies.fqdn.fill('payroll.acme.example');
  await policies.port.fill('443');
  await policies.useDirectory.click();
  await expect(policies.attributes).toHaveValue(/department=Engineering/);
  await policies.test.click();
  await expect(policies.decision).toContainText('blocked');
  await expect(policies.decision).toContainText(
    /BRK_MT_SETUP_FAIL_(REJECTED_BY_POLICY|NO_POLICY_FOUND)/,
  );
  await expect(policies.trace).toContainText('segment "Payroll"');

  // carol (Finance) is allowed by "Payroll for Finance", and the trace says which criterion.
  await policies.user.fill('carol@acme.example');
  await policies.useDirectory.click();
  await policies.test.click();
  await expect(policies.decision).toContainText('allowed');
  await expect(policies.decision).toContainText('OPEN_OR_ACTIVE_CONNECTION');
  const access = policies.trace.getByRole('row').filter({ hasText: 'Payroll for Finance' }).first();
  await expect(access).toContainText('SAML department = Finance: matched');

  // The rules in words, and one edited as JSON (bad JSON is caught before the API).
  const rules = policies.rules('Access policy');
  // Its SCIM group criterion is added once Okta pushes the group (criteria hold the group's ID).
  await expect(rules.getByRole('row').filter({ hasText: 'Payroll for Finance' })).toContainText(
    'segment Payroll AND SAML department = Finance',
  );
  await page.getByRole('button', { name: 'Edit rule Payroll for Finance' }).click();
  const editor = policies.editor('Rule Payroll for Finance (JSON)');
  await editor.fill('{ "name": ');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByText(/^Not JSON/)).toBeVisible();
  await editor.fill(JSON.stringify({ name: 'Payroll for Finance only', action: 'ALLOW' }));
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(admin.status).toHaveText('Saved rule Payroll for Finance.');
  await expect(rules).toContainText('Payroll for Finance only');

  // A shape the API refuses: its 400 message in the alert.
  await page.getByRole('button', { name: 'Edit rule Payroll for Finance only' }).click();
  await policies.editor(/Payroll for Finance only/).fill('{ "action": "MAYBE" }');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(admin.error).toContainText('action');

  // The other policies and the segments are there too.
  await policies.ruleType.selectOption({ label: 'Timeout policy' });
  await expect(policies.rules('Timeout policy')).toContainText('Payroll reauth every day');
  await expect(policies.segments).toContainText('payroll.acme.example');
  await expect(policies.segmentGroups).toContainText('Finance Apps');
});

test('sessions: who is connected, their status, and revoke (the session leaves the list)', async ({
  page,
}) => {
  await demoSessionToken(cloud.baseUrl, 'alice@acme.example', 'e2e-device-1');
  const admin = new AdminConsolePage(page);
  await admin.go('Sessions');
  const sessions = new SessionsPage(page);
  const alice = sessions.row('alice@acme.example');
  await expect(alice).toContainText('Okta (SAML)');
  await expect(alice).toContainText('Authenticated');
  await expect(alice).toContainText('Not connected');
  await sessions.revoke('alice@acme.example');
  await expect(admin.status).toHaveText('Revoked the session of alice@acme.example.');
  // A revoked session is gone from the cloud's list.
  await expect(alice).toHaveCount(0);
});
