import { expect, type Page } from '@playwright/test';
import { AppsPage } from '../pages/apps.page.js';
import { ConnectorApp } from '../pages/connector-app.page.js';
import { IdpLoginPage } from '../pages/idp-login.page.js';
import { DEMO_PASSWORD, screen, type Harness } from '../support/harness.js';
import { signInAs } from './oidc-apps.js';

/**
 * Finishes a sign-in in the window: the IdP asks for the password, or it still has a session and
 * does not ask, and the sign-in ends on its own (the window closes). Whichever comes first: a
 * fixed wait for the password field cost its whole timeout whenever the IdP did not ask.
 */
export async function finishSignIn(window: Page, username: string) {
  const idp = new IdpLoginPage(window);
  const asked = await Promise.race([
    idp.password.waitFor().then(
      () => true,
      () => false, // the window closed
    ),
    window.isClosed() ? false : window.waitForEvent('close').then(() => false),
  ]);
  if (asked) await idp.signIn(username, DEMO_PASSWORD);
}

/** The result cell of the SCIM-group criterion in the trace of the Engineering apps rule. */
const scimGroupResult = (apps: AppsPage) =>
  apps.trace
    .getByRole('table', { name: /Engineering apps for Engineering/ })
    .getByRole('row')
    .filter({ hasText: 'SCIM group: Engineering' })
    .getByRole('cell')
    .nth(2);

/**
 * Story 4: "SCIM Attributes for Policy" first enabled while alice is signed in: only the
 * Authentication Status changes (Authentication Required), the open app connection stays up;
 * Authenticate succeeds and the SCIM-group criterion of the rule now applies.
 */
export async function scimPolicyEnabled(h: Harness) {
  const okta = await h.admin.idp('Okta (SAML)');
  await h.admin.provisionOkta(okta.id);
  await h.admin.pushGroup(okta.id, 'Engineering');

  const pa = await signInAs(h, 'alice@acme.example');
  await expect(pa.serviceStatus).toHaveText('On');
  const app = new ConnectorApp(h.page);
  // The policy trace and the reason for reauthentication are the simulator's insight.
  await app.useView('Simulator insight', 'Private Access');
  await app.go('Applications');
  const apps = new AppsPage(h.page);
  await apps.open('git.acme.example');
  await expect(apps.result).toContainText('Allowed');
  await expect(apps.connections).toContainText('git.acme.example');
  await apps.showTrace();
  await expect(scimGroupResult(apps)).toHaveText('Skipped'); // SCIM Attributes for Policy off

  await h.admin.patchIdp(okta.id, { scimAttributesForPolicy: true });

  await expect(app.reauthBanner).toContainText(/reauthenticate/i);
  await expect(app.reauthBanner).toContainText(/SCIM Attributes for Policy/i);
  // The tunnel and the app connection stay up.
  await expect(apps.connections).toContainText('git.acme.example');
  await screen(h, 'reauth-scim-policy', app.reauthBanner);
  // Not SCIM-ready until the user reauthenticates: the SCIM-group criterion is still skipped.
  await apps.open('git.acme.example');
  await expect(apps.result).toContainText('Allowed');
  await apps.showTrace();
  await expect(scimGroupResult(apps)).toHaveText('Skipped');
  await app.go('Private Access');
  await expect(pa.authStatus).toHaveText(/Authentication Required/);
  await expect(pa.serviceStatus).toHaveText('On');

  const window = await h.loginWindow(() =>
    app.reauthBanner.getByRole('button', { name: 'Authenticate' }).click(),
  );
  await finishSignIn(window, 'alice@acme.example');
  await expect(pa.authStatus).toHaveText(/^Authenticated/);
  await expect(app.reauthBanner).toHaveCount(0);

  await app.go('Applications');
  await apps.open('git.acme.example');
  await expect(apps.result).toContainText('Allowed');
  await apps.showTrace();
  await expect(scimGroupResult(apps)).toHaveText('Matched');
  await screen(h, 'scim-group-rule-applies', apps.trace);
}
