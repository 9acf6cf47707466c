import type { Locator, Page } from '@playwright/test';

/** Troubleshoot: Export Logs, Report an Issue, Log Mode, Restart Service. */
export class TroubleshootPage {
  readonly exportLogs: Locator;
  readonly reportIssue: Locator;
  readonly restartService: Locator;

  constructor(readonly page: Page) {
    this.exportLogs = page.getByRole('button', { name: /export logs/i });
    this.reportIssue = page.getByRole('button', { name: /report an issue/i });
    this.restartService = page.getByRole('button', { name: /restart service/i });
  }
}
