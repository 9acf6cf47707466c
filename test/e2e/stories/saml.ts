import { expect } from '@playwright/test';
import { ConnectorApp } from '../pages/connector-app.page.js';
import { IdpLoginPage } from '../pages/idp-login.page.js';
import { PrivateAccessPage } from '../pages/private-access.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { DEMO_PASSWORD, screen, type Harness } from '../support/harness.js';

/** Story 2: SAML sign-in through the bundled IdP's own login page, in the sign-in window. */
export async function samlSignIn(h: Harness) {
  const signIn = new SignInPage(h.page);
  await expect(signIn.heading).toBeVisible();

  // A domain no IdP claims: the sign-in error with its code, as the real client shows its own
  // 42xxx codes; the cause and the admin's side are the insight view's (no Details here).
  const app = new ConnectorApp(h.page);
  await signIn.start('nobody@unknown.example');
  const error = app.alert.filter({ hasText: '42029' });
  await expect(error).toBeVisible();
  await expect(error.getByRole('button', { name: 'Details' })).toHaveCount(0);
  await screen(h, 'sign-in-error', error);

  const popup = await h.loginWindow(() => signIn.start('alice@acme.example'));

  // The IdP's page, at the cloud (the SAML IdP), with the username pre-filled from the hint.
  const idp = new IdpLoginPage(popup);
  await expect(idp.password).toBeVisible();
  expect(popup.url().startsWith(h.cloudUrl)).toBe(true);
  expect(new URL(popup.url()).pathname).toMatch(/\/idp\/[^/]+\/saml\//);
  await screen(h, 'idp-login-saml', undefined, popup);

  // Meanwhile the window says it is waiting for that sign-in.
  await expect(signIn.authenticating).toBeVisible();
  await expect(h.page.getByText(/SAML sign-in/)).toBeVisible();

  await idp.signIn('alice@acme.example', DEMO_PASSWORD);
  const pa = new PrivateAccessPage(h.page);
  await expect(pa.authStatus).toHaveText(/^Authenticated/);
  await expect(pa.serviceStatus).toHaveText('On');
  // Which IdP signed the user in is the simulator's insight (the real client has no such row).
  await expect(h.page.getByText('Okta (SAML)')).toHaveCount(0);
  await app.useView('Simulator insight', 'Private Access');
  await expect(h.page.getByText('Okta (SAML)')).toBeVisible();
  await expect(app.nav.getByRole('link', { name: 'Applications' })).toBeVisible();
  await screen(h, 'private-access-saml');
}
