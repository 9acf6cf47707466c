import type { Locator, Page } from '@playwright/test';

/** Diagnostics: import an Export Logs ZIP, see its timeline and the errors explained. */
export class ConsoleDiagnosticsPage {
  readonly zip: Locator;
  readonly importButton: Locator;
  readonly errors: Locator;

  constructor(readonly page: Page) {
    this.zip = page.getByLabel('Export Logs ZIP');
    this.importButton = page.getByRole('button', { name: 'Import', exact: true });
    this.errors = page.getByRole('region', { name: 'Errors explained' });
  }

  picture(userName: string): Locator {
    return this.page.getByRole('figure', { name: `Timeline of ${userName}` });
  }

  explained(code: string): Locator {
    return this.errors.getByRole('article', { name: new RegExp(`^${code}:`) });
  }
}
