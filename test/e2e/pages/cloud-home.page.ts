import type { Locator, Page } from '@playwright/test';

/** The cloud's front page: its heading and the IdP Configuration table. */
export class CloudHomePage {
  readonly heading: Locator;
  readonly idpTable: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.idpTable = page.getByRole('table', { name: 'IdP configurations' });
  }

  async open(baseUrl: string) {
    await this.page.goto(baseUrl);
  }

  row(idpName: string): Locator {
    return this.idpTable.getByRole('row').filter({ hasText: idpName });
  }
}
