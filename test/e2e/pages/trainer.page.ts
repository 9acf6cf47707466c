import type { Locator, Page } from '@playwright/test';

/** The admin console's Trainer page (#/trainer): the live attendee rows and the actions. */
export class TrainerPage {
  readonly attendees: Locator;
  readonly everyone: Locator;

  constructor(private readonly page: Page) {
    this.attendees = page.getByRole('table', { name: 'Attendees' });
    this.everyone = page.getByRole('region', { name: 'Everyone' });
  }

  async open(baseUrl: string, token: string) {
    await this.page.goto(`${baseUrl}/admin#/trainer`);
    await this.page.getByLabel('Admin token').fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  row(attendee: number): Locator {
    return this.attendees
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: String(attendee), exact: true }) });
  }

  /** The row's cell under the header `column`. */
  async cell(attendee: number, column: string): Promise<Locator> {
    const headers = await this.attendees.getByRole('columnheader').allInnerTexts();
    return this.row(attendee).getByRole('cell').nth(headers.indexOf(column));
  }

  /** A fact's value in the row's Client or Tenant cell, by its term ("Service Status", "Clock"). */
  fact(attendee: number, term: string): Locator {
    // A description list's value is not named by its term (ARIA prohibits naming a
    // definition), so the value is the description right after the term.
    return this.row(attendee)
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** The scenario the step buttons run (a select labelled "Scenario"). */
  async pickScenario(title: string) {
    await this.everyone.getByLabel('Scenario', { exact: true }).selectOption({ label: title });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
}
