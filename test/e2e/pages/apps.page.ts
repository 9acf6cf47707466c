import type { Locator, Page } from '@playwright/test';

/** Applications: the user's private apps, Open, the access result and its policy trace. */
export class AppsPage {
  /** The apps the user can reach ("Your applications"). */
  readonly appTable: Locator;
  /** The disclosure holding the blocked apps, grouped by reason. */
  readonly blockedToggle: Locator;
  readonly address: Locator;
  readonly port: Locator;
  readonly openOther: Locator;
  readonly result: Locator;
  readonly why: Locator;
  readonly trace: Locator;
  readonly connections: Locator;

  constructor(readonly page: Page) {
    this.appTable = page.getByRole('table', { name: 'Your applications' });
    this.blockedToggle = page.getByRole('button', { name: /^Blocked applications \(\d+\)$/ });
    this.address = page.getByLabel('Application address');
    this.port = page.getByLabel('Port');
    this.openOther = page.getByRole('button', { name: 'Open application' });
    this.result = page.getByRole('region', { name: 'Access result' });
    this.why = this.result.getByRole('button', { name: 'Why?' });
    this.trace = this.result.getByRole('list', { name: 'Policy trace' });
    this.connections = page.getByRole('table', { name: /connections/i });
  }

  /** Opens an app by address (the "Open another application" form). */
  async open(app: string, port = 443) {
    await this.address.fill(app);
    await this.port.fill(String(port));
    await this.openOther.click();
  }

  /** Opens the blocked group; returns the table of the apps blocked for `reason` (catalog title). */
  async showBlocked(reason: string | RegExp): Promise<Locator> {
    if ((await this.blockedToggle.getAttribute('aria-expanded')) !== 'true') {
      await this.blockedToggle.click();
    }
    return this.page.getByRole('table', { name: reason });
  }

  async showTrace() {
    await this.why.click();
    await this.trace.waitFor();
  }
}
