import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startWorkshop, type RunningWorkshop } from '../../electron/cloud/workshop/workshop.js';
import { demoSessionToken } from '../helpers/connector-session.js';
import { TrainerPage } from './pages/trainer.page.js';

let w: RunningWorkshop;
const sockets: WebSocket[] = [];

/** A signed-in connector of attendee k on its push channel (what the live view counts). */
async function connect(k: number, user: string) {
  const url = `${w.baseUrl}/t/${k}`;
  const token = await demoSessionToken(url, user, `e2e-laptop-${k}`);
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/connector/events`, {
    headers: { authorization: `Bearer ${token}` },
  });
  sockets.push(ws);
  await new Promise((resolve, reject) => ws.once('message', resolve).once('error', reject));
}

test.beforeAll(async () => {
  w = await startWorkshop({ attendees: 3, db: ':memory:', port: 0, adminToken: 'e2e-trainer' });
});
test.afterAll(async () => {
  for (const s of sockets) s.terminate();
  await w.close();
});

test("the trainer's page shows an attendee's connector live and acts on that attendee", async ({
  page,
}) => {
  const trainer = new TrainerPage(page);
  await trainer.open(w.baseUrl, 'e2e-trainer');
  await expect(trainer.row(2)).toBeVisible();
  await expect(trainer.fact(2, 'Service Status')).toHaveText('Off');

  await connect(2, 'alice@acme-2.example');
  await expect(trainer.fact(2, 'Connectors')).toHaveText('1');
  await expect(trainer.fact(2, 'Authentication Status')).toHaveText('Authenticated');

  await trainer.button('Enable SCIM Attributes for Policy for attendee 2').click();
  await expect(trainer.fact(2, 'Authentication Status')).toHaveText('Authentication Required');
  await expect(trainer.fact(2, 'SCIM Attributes for Policy')).toHaveText('Enabled');
  await expect(trainer.fact(1, 'SCIM Attributes for Policy')).toHaveText('Disabled');
  expect(w.tenants[0]!.cloud.idps.list().some((i) => i.scimAttributesForPolicy)).toBe(false);

  await trainer.button('QR code for attendee 2').click();
  await expect(page.getByRole('img', { name: "QR code of attendee 2's join link" })).toBeVisible();
});

test("the trainer's page acts on everyone at once", async ({ page }) => {
  const trainer = new TrainerPage(page);
  await trainer.open(w.baseUrl, 'e2e-trainer');
  await expect(trainer.fact(3, 'Clock')).toHaveText('+0 min');
  await trainer.button('+8 hours for everyone').click();
  for (const k of [1, 2, 3]) await expect(trainer.fact(k, 'Clock')).toHaveText('+480 min');
  await trainer.button('Enable SCIM Sync for everyone').click();
  for (const k of [1, 2, 3]) await expect(trainer.fact(k, 'SCIM Sync')).toHaveText('Enabled');
  expect(w.tenants.every((t) => t.cloud.idps.list().every((i) => i.scimSyncEnabled))).toBe(true);
});

test("the trainer's page runs a scenario step for one attendee, then the phase for everyone", async ({
  page,
}) => {
  const trainer = new TrainerPage(page);
  await trainer.open(w.baseUrl, 'e2e-trainer');
  await expect(await trainer.cell(1, 'Scenario step')).toHaveText('—');
  await trainer.pickScenario('IdP disabled: sign-in refused with 42042');

  await trainer.button('Next scenario step for attendee 1').click();
  const one = await trainer.cell(1, 'Scenario step');
  await expect(one).toContainText('idp-disabled');
  await expect(one).toContainText('Reproduce 1/4 · paused');
  await expect(one).toContainText('Reset to the demo tenant');
  await expect(await trainer.cell(2, 'Scenario step')).toHaveText('—');

  await trainer.button('Run the phase for everyone').click();
  for (const k of [1, 2, 3]) {
    const cell = await trainer.cell(k, 'Scenario step');
    await expect(cell).toContainText('Reproduce 4/4 · done', { timeout: 60_000 });
    await expect(cell).toContainText(`alice@acme-${k}.example's client shows`);
  }
  // Each tenant's own Okta configuration was disabled, nobody else's.
  expect(
    w.tenants.map((t) => t.cloud.idps.list().find((i) => i.protocol === 'saml')!.enabled),
  ).toEqual([false, false, false]);
  expect(w.root.idps.list().every((i) => i.enabled)).toBe(true);
});

test("an attendee's console under /t/<k>/admin works in their tenant only", async ({ page }) => {
  const attendee = w.tenants[2]!;
  await page.goto(`${w.baseUrl}/t/3/admin`);
  await page.getByLabel('Admin token').fill(attendee.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const idps = page.getByRole('table', { name: 'IdP configurations' });
  await expect(idps.getByRole('row').filter({ hasText: 'Okta (SAML)' })).toBeVisible();
  await expect(page.getByRole('alert')).toBeHidden();
  // The same token in the trainer's console at the root is refused.
  await page.goto(`${w.baseUrl}/admin`);
  await expect(page.getByRole('alert')).toContainText("attendee 3's tenant");
});
