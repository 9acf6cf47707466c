import type { Locator, Page } from '@playwright/test';

/** Provisioning (IdP side): the pasted endpoint and token, options, test, status. */
export class ProvisioningPage {
  readonly token: Locator;
  readonly enabled: Locator;
  readonly outOfSyncOption: Locator;
  readonly testConnection: Locator;
  readonly testResult: Locator;
  readonly save: Locator;
  readonly refresh: Locator;
  readonly users: Locator;

  constructor(readonly page: Page) {
    this.token = page.getByLabel(/^(API Token|Secret Token|Access Token)$/);
    this.enabled = page.getByLabel('Enable provisioning to the cloud');
    this.outOfSyncOption = page.getByLabel(/PROVISION_OUT_OF_SYNC_USERS/);
    this.testConnection = page.getByRole('button', { name: 'Test connection' });
    this.testResult = page.getByRole('note', { name: 'Test connection result' });
    this.save = page.getByRole('button', { name: 'Save provisioning' });
    this.refresh = page.getByRole('button', { name: 'Refresh provisioning' });
    this.users = page.getByRole('table', { name: 'Provisioned users' });
  }

  /** The endpoint field, named as the IdP's vendor names it. */
  url(label = /^(SCIM connector base URL|Tenant URL|SCIM URL)$/): Locator {
    return this.page.getByLabel(label);
  }

  /** One of Okta's To App switches (Create Users, Update User Attributes, Deactivate Users). */
  toApp(label: string): Locator {
    return this.page.getByRole('group', { name: 'To App' }).getByLabel(label, { exact: true });
  }

  userRow(userName: string): Locator {
    return this.users.getByRole('row').filter({ hasText: userName });
  }

  async provisionUser(userName: string) {
    await this.page.getByRole('button', { name: `Provision User ${userName}` }).click();
  }
}
