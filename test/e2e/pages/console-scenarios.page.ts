import type { Locator, Page } from '@playwright/test';

/** The admin console's Scenarios page: one card per scenario with Reproduce and Apply fix. */
export class ConsoleScenariosPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string, adminToken: string) {
    await this.page.goto(`${baseUrl}/admin`);
    await this.page.getByLabel('Admin token').fill(adminToken);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('link', { name: 'Scenarios' }).click();
  }

  card(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  reproduce(card: Locator): Locator {
    return card.getByRole('button', { name: 'Reproduce' });
  }

  applyFix(card: Locator): Locator {
    return card.getByRole('button', { name: 'Apply fix' });
  }

  fixChoice(card: Locator): Locator {
    return card.getByLabel('Fix');
  }

  steps(card: Locator, phase: 'Reproduce' | 'Fix'): Locator {
    return card.getByRole('region', { name: `${phase} steps` });
  }
}
