import type { Locator, Page } from '@playwright/test';

/** Timeline: pick a user, see what explains their access as a picture. */
export class ConsoleTimelinePage {
  readonly user: Locator;
  readonly show: Locator;

  constructor(readonly page: Page) {
    this.user = page.getByLabel('User', { exact: true });
    this.show = page.getByRole('button', { name: 'Show timeline' });
  }

  picture(userName: string): Locator {
    return this.page.getByRole('figure', { name: `Timeline of ${userName}` });
  }
}
