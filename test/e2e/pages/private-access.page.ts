import type { Locator, Page } from '@playwright/test';

/** The Private Access panel: Service Status and Authentication Status with their buttons. */
export class PrivateAccessPage {
  readonly serviceStatus: Locator;
  readonly authStatus: Locator;
  readonly turnOn: Locator;
  readonly turnOff: Locator;
  readonly retry: Locator;
  readonly authenticate: Locator;

  constructor(readonly page: Page) {
    this.serviceStatus = page.getByRole('status', { name: 'Service Status' });
    this.authStatus = page.getByRole('status', { name: 'Authentication Status' });
    this.turnOn = page.getByRole('button', { name: 'Turn On' });
    this.turnOff = page.getByRole('button', { name: 'Turn Off' });
    this.retry = page.getByRole('button', { name: 'Retry' });
    this.authenticate = page.getByRole('button', { name: 'Authenticate', exact: true });
  }
}
