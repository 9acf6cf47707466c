import { expect, type Locator } from '@playwright/test';
import { ConnectorApp } from '../pages/connector-app.page.js';
import { screen, type Harness } from '../support/harness.js';
import { PrivateAccessPage } from '../pages/private-access.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { signInAs } from './oidc-apps.js';

/** The bound: what the admin did shows in the window within 2 s. */
export const WITHIN = { timeout: 2_000 };

/** The "Cloud Updates" row, shown only while the push channel is lost. */
const cloudUpdates = (h: Harness): Locator => h.page.getByRole('status', { name: 'Cloud Updates' });

/**
 * The cloud drops the connector's push channel (as a network would): the window says
 * "Reconnecting…", then the channel is back (the cloud lists it connected again).
 */
export async function dropAndRecover(h: Harness, userName: string, shot?: string) {
  // The Cloud Updates row is the simulator's insight (the real client has none).
  const app = new ConnectorApp(h.page);
  if ((await app.viewBadge.count()) === 0) await app.useView('Simulator insight', 'Private Access');
  const session = await h.admin.connectedSession(userName);
  await h.admin.dropPushChannel(session.id);
  await expect(cloudUpdates(h)).toHaveText('Reconnecting…', WITHIN);
  if (shot) await screen(h, shot, cloudUpdates(h));
  await expect(cloudUpdates(h)).toBeHidden({ timeout: 5_000 });
  await h.admin.connectedSession(userName);
}

/**
 * Story 8: the push channel is lost and comes back; after that the window still follows the
 * cloud within 2 s: a clock fast-forward (Authentication Required), then a certificate rotation
 * (Authentication Error).
 */
export async function lostChannelThenClockAndCertificate(h: Harness) {
  const pa = await signInAs(h, 'alice@acme.example');
  await expect(pa.serviceStatus).toHaveText('On');

  await dropAndRecover(h, 'alice@acme.example', 'push-channel-reconnecting');
  await h.admin.advanceClock({ hours: 8, minutes: 1 });
  await expect(pa.authStatus).toHaveText('Authentication Required', WITHIN);

  await dropAndRecover(h, 'alice@acme.example');
  await h.admin.rotateSamlCertificate((await h.admin.idp('Okta (SAML)')).id);
  await expect(pa.serviceStatus).toHaveText('Authentication Error', WITHIN);
}

/** Story 8: after a lost channel came back, a revocation shows within 2 s. */
export async function lostChannelThenRevocation(h: Harness) {
  const pa = await signInAs(h, 'bob@acme.example');
  await expect(pa.serviceStatus).toHaveText('On');
  await dropAndRecover(h, 'bob@acme.example');
  await h.admin.revokeSession((await h.admin.connectedSession('bob@acme.example')).id);
  await expect(new SignInPage(h.page).heading).toBeVisible(WITHIN);
}

/**
 * Story 8: in Connection Error (the Okta sync error) the channel stays up, is lost, comes back,
 * and the admin's fix (provisioning) shows in the insight view within 2 s; as in the real client,
 * the user clicks Retry to connect.
 */
export async function lostChannelThenAdminFix(h: Harness) {
  const okta = await h.admin.idp('Okta (SAML)');
  await h.admin.connectScim(okta.id);
  const pa = await signInAs(h, 'alice@acme.example');
  await expect(pa.serviceStatus).toHaveText('Connection Error');
  await dropAndRecover(h, 'alice@acme.example');
  await h.admin.provisionOkta(okta.id);
  await expect(h.page.getByText('Active in the SCIM directory')).toBeVisible(WITHIN);
  await expect(pa.serviceStatus).toHaveText('Connection Error');
  await pa.retry.click();
  await expect(pa.serviceStatus).toHaveText('On', { timeout: 5_000 });
  await expect(new PrivateAccessPage(h.page).retry).toBeHidden();
}
