import type { Locator, Page } from '@playwright/test';

/** The cloud's admin console at /admin: sign-in, IdP Configuration and its Edit panel, clock. */
export class AdminConsolePage {
  readonly heading: Locator;
  readonly adminToken: Locator;
  readonly signInButton: Locator;
  readonly error: Locator;
  readonly idpTable: Locator;
  readonly editPanel: Locator;
  readonly scimSync: Locator;
  readonly scimAttributesForPolicy: Locator;
  readonly scimEndpoint: Locator;
  readonly generateToken: Locator;
  readonly newToken: Locator;
  readonly tokenWarning: Locator;
  readonly save: Locator;
  readonly clockNow: Locator;
  readonly scimUsers: Locator;
  readonly syncLogs: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.adminToken = page.getByLabel('Admin token');
    this.signInButton = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
    this.idpTable = page.getByRole('table', { name: 'IdP configurations' });
    this.editPanel = page.getByRole('region', { name: /^Edit / });
    this.scimSync = page.getByLabel('Enabled for SCIM Sync');
    this.scimAttributesForPolicy = page.getByLabel('Enabled for SCIM Attributes for Policy');
    this.scimEndpoint = page.getByLabel('SCIM Service Provider Endpoint', { exact: true });
    this.generateToken = page.getByRole('button', { name: 'Generate New Token' });
    this.newToken = page.getByLabel('Bearer token');
    this.tokenWarning = page.getByText('This token will not be shown again');
    this.save = page.getByRole('button', { name: 'Save' });
    this.clockNow = page.getByRole('status', { name: 'Simulated time' });
    this.scimUsers = page.getByRole('table', { name: 'SCIM users' });
    this.syncLogs = page.getByRole('table', { name: 'SCIM sync logs' });
  }

  async open(baseUrl: string) {
    await this.page.goto(`${baseUrl}/admin`);
  }

  async signIn(token: string) {
    await this.adminToken.fill(token);
    await this.signInButton.click();
  }

  row(idpName: string): Locator {
    return this.idpTable.getByRole('row').filter({ hasText: idpName });
  }

  async edit(idpName: string) {
    await this.page.getByRole('button', { name: `Edit ${idpName}`, exact: true }).click();
  }

  async advanceClock(label: '+10 min' | '+1 hour' | '+8 hours' | '+1 day') {
    await this.page.getByRole('button', { name: label, exact: true }).click();
  }
}
