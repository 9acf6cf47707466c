import type { Locator, Page } from '@playwright/test';

/** IdP Configuration: the IdP table and the Edit panel in the seed's order. */
export class IdpConfigurationPage {
  readonly table: Locator;
  readonly editPanel: Locator;
  readonly scimSync: Locator;
  readonly scimEndpoint: Locator;
  readonly copyEndpoint: Locator;
  readonly generateToken: Locator;
  readonly newToken: Locator;
  readonly tokenWarning: Locator;
  readonly scimAttributesForPolicy: Locator;
  readonly save: Locator;
  readonly close: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'IdP configurations' });
    this.editPanel = page.getByRole('region', { name: /^Edit / });
    this.scimSync = page.getByLabel('Enabled for SCIM Sync');
    this.scimEndpoint = page.getByLabel('SCIM Service Provider Endpoint', { exact: true });
    this.copyEndpoint = page.getByRole('button', { name: 'Copy SCIM Service Provider Endpoint' });
    this.generateToken = page.getByRole('button', { name: 'Generate New Token' });
    this.newToken = page.getByLabel('Bearer token');
    this.tokenWarning = page.getByText('This token will not be shown again');
    this.scimAttributesForPolicy = page.getByLabel('Enabled for SCIM Attributes for Policy');
    this.save = page.getByRole('button', { name: 'Save', exact: true });
    this.close = page.getByRole('button', { name: 'Close', exact: true });
  }

  row(idpName: string): Locator {
    return this.table.getByRole('row').filter({ hasText: idpName });
  }

  /** A column of an IdP's row by its header (SCIM Sync, SCIM token...). */
  cell(idpName: string, column: 'SCIM Sync' | 'SCIM Attributes for Policy' | 'SCIM token') {
    const index = { 'SCIM Sync': 3, 'SCIM Attributes for Policy': 4, 'SCIM token': 5 }[column];
    return this.row(idpName).getByRole('cell').nth(index);
  }

  async edit(idpName: string) {
    await this.page.getByRole('button', { name: `Edit ${idpName}`, exact: true }).click();
  }
}
