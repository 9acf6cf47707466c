import type { Locator, Page } from '@playwright/test';

/** Assignments to the private-access application: assign, unassign, reassign. */
export class AssignmentsPage {
  readonly choice: Locator;
  readonly assign: Locator;
  readonly users: Locator;
  readonly groups: Locator;

  constructor(readonly page: Page) {
    this.choice = page.getByLabel('Assign', { exact: true });
    this.assign = page.getByRole('button', { name: 'Assign', exact: true });
    this.users = page.getByRole('table', { name: 'Assigned users' });
    this.groups = page.getByRole('table', { name: 'Assigned groups' });
  }

  async assignOne(name: string) {
    await this.choice.selectOption({ label: name });
    await this.assign.click();
  }

  async unassign(name: string) {
    await this.page.getByRole('button', { name: `Unassign ${name}`, exact: true }).click();
  }

  async reassign(name: string) {
    await this.page.getByRole('button', { name: `Reassign ${name}`, exact: true }).click();
  }
}
