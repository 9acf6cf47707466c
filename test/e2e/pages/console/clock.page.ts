import type { Locator, Page } from '@playwright/test';

/** The simulated clock: advance, set, back to real time. */
export class ClockPage {
  readonly now: Locator;
  readonly at: Locator;
  readonly set: Locator;
  readonly realTime: Locator;

  constructor(readonly page: Page) {
    this.now = page.getByRole('status', { name: 'Simulated time' });
    this.at = page.getByLabel('Date and time (UTC)');
    this.set = page.getByRole('button', { name: 'Set the clock' });
    this.realTime = page.getByRole('button', { name: 'Back to real time' });
  }

  async advance(label: '+10 min' | '+1 hour' | '+8 hours' | '+1 day') {
    await this.page.getByRole('button', { name: label, exact: true }).click();
  }
}
