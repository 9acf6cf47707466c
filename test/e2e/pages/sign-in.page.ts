import type { Locator, Page } from '@playwright/test';

/** Sign In: the username lets the cloud find the IdP; the sign-in runs in a window of its own. */
export class SignInPage {
  readonly heading: Locator;
  readonly username: Locator;
  readonly submit: Locator;
  readonly authenticating: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign In', level: 1 });
    this.username = page.getByLabel('Username');
    this.submit = page.getByRole('button', { name: 'Sign In' });
    this.authenticating = page.getByRole('status').filter({ hasText: 'Authenticating' });
  }

  async start(username: string) {
    await this.username.fill(username);
    await this.submit.click();
  }
}
