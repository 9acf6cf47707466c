import { expect, test } from '@playwright/test';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { findScenario } from '../../electron/cloud/scenarios/library/index.js';
import { ConsoleScenariosPage } from './pages/console-scenarios.page.js';

let cloud: RunningCloud;
test.beforeAll(async () => {
  cloud = await startCloud({ port: 0, db: ':memory:', adminToken: 'e2e-admin' });
});
test.afterAll(async () => cloud.close());

test('the console reproduces the Okta sync error and applies fix B, showing the steps', async ({
  page,
}) => {
  const scenario = findScenario('okta-out-of-sync')!;
  const console = new ConsoleScenariosPage(page);
  await console.open(cloud.baseUrl, 'e2e-admin');
  const card = console.card(scenario.title);
  await expect(card).toContainText('BRK_MT_SETUP_FAIL_SCIM_INACTIVE');
  await expect(console.applyFix(card)).toBeDisabled();

  await console.reproduce(card).click();
  const reproduced = console.steps(card, 'Reproduce');
  await expect(reproduced).toContainText(/\d+ passed, 0 failed/, { timeout: 60_000 });
  await expect(reproduced.getByRole('listitem').last()).toContainText('Connection Error');

  await console.fixChoice(card).selectOption({ label: scenario.fixes[1]!.title });
  await console.applyFix(card).click();
  const fixed = console.steps(card, 'Fix');
  await expect(fixed).toContainText('3 passed, 0 failed', { timeout: 60_000 });
  await expect(fixed.getByRole('listitem').last()).toContainText(
    'Service Status On, Authentication Status Authenticated',
  );
  await page.screenshot({ path: 'test-results/screens/console-scenarios.png', fullPage: true });
});
