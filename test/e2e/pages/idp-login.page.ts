import type { Locator, Page } from '@playwright/test';

/** The bundled IdP's login page (SAML or OIDC), in the sign-in popup / login window. */
export class IdpLoginPage {
  readonly heading: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: /^sign (in|on)$/i });
  }

  async signIn(username: string, password: string) {
    await this.password.waitFor();
    if ((await this.username.inputValue()) === '') await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
