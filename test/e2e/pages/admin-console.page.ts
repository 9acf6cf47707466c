import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The cloud's admin console at /admin: sign-in with the admin token, the page navigation, the
 * alert and status lines, and the IdP picker the IdP pages share. Each page's own controls are
 * in ./console/.
 */
export class AdminConsolePage {
  readonly heading: Locator;
  readonly pageHeading: Locator;
  readonly adminToken: Locator;
  readonly signInButton: Locator;
  readonly signOutButton: Locator;
  readonly nav: Locator;
  readonly error: Locator;
  readonly status: Locator;
  readonly idpPicker: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.pageHeading = page.getByRole('heading', { level: 2 }).first();
    this.adminToken = page.getByLabel('Admin token');
    this.signInButton = page.getByRole('button', { name: 'Sign in' });
    this.signOutButton = page.getByRole('button', { name: 'Sign out' });
    this.nav = page.getByRole('navigation', { name: 'Console pages' });
    this.error = page.getByRole('alert');
    this.status = page.locator('p[role="status"]');
    this.idpPicker = page.getByLabel('IdP', { exact: true });
  }

  async open(baseUrl: string) {
    await this.page.goto(`${baseUrl}/admin`);
  }

  async signIn(token: string) {
    await this.adminToken.fill(token);
    await this.signInButton.click();
  }

  /** The console's page links, by their names (the registry's titles). */
  async pageNames(): Promise<string[]> {
    return this.nav.getByRole('link').allTextContents();
  }

  async go(title: string) {
    await this.nav.getByRole('link', { name: title, exact: true }).click();
    await expect(this.pageHeading).toHaveText(title);
  }

  async pickIdp(name: string) {
    await this.idpPicker.selectOption({ label: name });
  }
}
