import type { Locator, Page } from '@playwright/test';

/** Sessions: who is connected, their statuses and last error, revoke. */
export class SessionsPage {
  readonly table: Locator;
  readonly refresh: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Connector sessions' });
    this.refresh = page.getByRole('button', { name: 'Refresh sessions' });
  }

  row(userName: string): Locator {
    return this.table.getByRole('row').filter({ hasText: userName });
  }

  async revoke(userName: string) {
    await this.page.getByRole('button', { name: `Revoke the session of ${userName}` }).click();
  }
}
