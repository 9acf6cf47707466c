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

  // A domain no IdP claims: the sign-in error, its code and its details fit the window.
  await signIn.start('nobody@unknown.example');
  const error = new ConnectorApp(h.page).alert.filter({ hasText: '42029' });
  await error.getByRole('button', { name: 'Details' }).click();
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
  await expect(h.page.getByText('Okta (SAML)')).toBeVisible();
  await expect(
    new ConnectorApp(h.page).nav.getByRole('link', { name: 'Applications' }),
  ).toBeVisible();
  await screen(h, 'private-access-saml');
}
