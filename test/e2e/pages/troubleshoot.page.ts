import type { Locator, Page } from '@playwright/test';

/** Troubleshoot: Export Logs, Report an Issue, Log Mode, Restart Service, What happened. */
export class TroubleshootPage {
  readonly exportLogs: Locator;
  readonly reportIssue: Locator;
  readonly restartService: Locator;
  /** What happened: the signed-in user's timeline picture (its caption names the error's moment). */
  readonly whatHappened: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.exportLogs = page.getByRole('button', { name: /export logs/i });
    this.reportIssue = page.getByRole('button', { name: /report an issue/i });
    this.restartService = page.getByRole('button', { name: /restart service/i });
    this.whatHappened = page.getByRole('region', { name: 'What happened' });
    this.timeline = this.whatHappened.getByRole('figure', { name: /what happened/i });
  }
}
