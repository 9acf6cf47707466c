import { expect, type Locator, type Page } from '@playwright/test';
import { expectNoSidewaysScroll } from './layout.js';

/** The Client Connector window: navigation, the reauthentication banner, error panels. */
export class ConnectorApp {
  readonly nav: Locator;
  readonly heading: Locator;
  readonly reauthBanner: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.reauthBanner = page.getByRole('region', { name: 'Reauthentication' });
    this.alert = page.getByRole('alert');
  }

  async go(
    to:
      | 'Sign In'
      | 'Private Access'
      | 'Applications'
      | 'Notifications'
      | 'Troubleshoot'
      | 'About'
      | 'Settings',
  ) {
    await this.nav.getByRole('link', { name: to }).click();
    await expect(this.heading).toHaveText(to);
    await expectNoSidewaysScroll(this.page);
  }

  /** An error panel by its title (the catalog title of the code). */
  errorPanel(title: string | RegExp): Locator {
    return this.page
      .getByRole('region', { name: title })
      .or(this.page.getByRole('alert').filter({ hasText: title }));
  }
}
