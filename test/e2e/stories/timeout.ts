import { expect } from '@playwright/test';
import { ConnectorApp } from '../pages/connector-app.page.js';
import { screen, type Harness } from '../support/harness.js';
import { signInAs } from './oidc-apps.js';

/**
 * Story 6: the Engineering timeout policy (reauthenticate every 8 hours). The cloud's clock is
 * fast-forwarded to 10 minutes before expiry: the warning with its countdown; then past it:
 * Authentication Required.
 */
export async function reauthTimeout(h: Harness) {
  const pa = await signInAs(h, 'alice@acme.example');
  await expect(pa.serviceStatus).toHaveText('On');
  const app = new ConnectorApp(h.page);

  await h.admin.advanceClock({ hours: 7, minutes: 50 });
  await expect(app.reauthBanner).toContainText(/expire soon/i);
  await expect(app.reauthBanner).toContainText(/Access expires in \d+ ?min/i);
  await expect(app.reauthBanner.getByRole('button', { name: 'Authenticate Early' })).toBeVisible();
  await screen(h, 'reauth-warning', app.reauthBanner);

  await h.admin.advanceClock({ minutes: 11 });
  await expect(pa.authStatus).toHaveText(/Authentication Required/);
  await expect(app.reauthBanner.getByRole('button', { name: 'Authenticate' })).toBeVisible();
  await expect(pa.serviceStatus).toHaveText('On');
  await screen(h, 'reauth-required', app.reauthBanner);
}
