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

  /** The scenario the step buttons run (a select labelled "Scenario"). */
  async pickScenario(title: string) {
    await this.everyone.getByLabel('Scenario', { exact: true }).selectOption({ label: title });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
}
