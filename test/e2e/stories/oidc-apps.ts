import { expect } from '@playwright/test';
import { AppsPage } from '../pages/apps.page.js';
import { ConnectorApp } from '../pages/connector-app.page.js';
import { IdpLoginPage } from '../pages/idp-login.page.js';
import { PrivateAccessPage } from '../pages/private-access.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { DEMO_PASSWORD, screen, type Harness } from '../support/harness.js';

/** Signs in through the host's sign-in window and waits for Authenticated. */
export async function signInAs(h: Harness, username: string, shot?: string) {
  const signIn = new SignInPage(h.page);
  await expect(signIn.heading).toBeVisible();
  const popup = await h.loginWindow(() => signIn.start(username));
  const idp = new IdpLoginPage(popup);
  await expect(idp.password).toBeVisible();
  if (shot) await screen(h, shot, undefined, popup);
  await idp.signIn(username, DEMO_PASSWORD);
  const pa = new PrivateAccessPage(h.page);
  await expect(pa.authStatus).toHaveText(/^Authenticated/);
  return pa;
}

/** Story 1: OIDC sign-in, On, an allowed app, a blocked app and its trace. */
export async function oidcSignInAndApps(h: Harness) {
  const app = new ConnectorApp(h.page);
  await expect(new SignInPage(h.page).heading).toBeVisible();
  await screen(h, 'sign-in');

  const pa = await signInAs(h, 'erin@globex.example', 'idp-login-oidc');
  await expect(pa.serviceStatus).toHaveText('On');
  await screen(h, 'private-access-on');

  await app.go('Applications');
  const apps = new AppsPage(h.page);
  // The real client's view: an app blocked by policy says so, with no code and no trace.
  await apps.open('intranet.acme.example');
  await expect(apps.result).toContainText(
    'Application access is blocked by Private Access policy.',
  );
  await expect(apps.why).toHaveCount(0);
  await app.expectRealClientOnly();
  await screen(h, 'apps-real');

  await app.useView('Simulator insight', 'Private Access');
  await app.go('Applications');
  // What erin (Globex) can reach comes first; the Acme apps blocked for her wait in a
  // collapsed group, with the reason.
  await expect(apps.appTable).toContainText('Globex Wiki');
  await expect(apps.appTable).not.toContainText('Blocked');
  await expect(apps.blockedToggle).toHaveAttribute('aria-expanded', 'false');
  await screen(h, 'apps-list');
  const noPolicy = await apps.showBlocked('No access policy allows this application');
  await expect(noPolicy).toContainText('Payroll');
  await screen(h, 'apps-blocked-group', noPolicy);

  await apps.open('wiki.globex.example');
  await expect(apps.result).toContainText('Allowed');
  await expect(apps.connections).toContainText('wiki.globex.example');
  await screen(h, 'apps-allowed', apps.result);

  await apps.open('intranet.acme.example');
  await expect(apps.result).toContainText('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND');
  await apps.showTrace();
  await expect(apps.trace).toContainText(/no access rule|implicit|default/i);
  await screen(h, 'apps-blocked-trace', apps.trace);
}
