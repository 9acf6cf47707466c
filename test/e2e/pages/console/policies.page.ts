import type { Locator, Page } from '@playwright/test';

/** Policies: the test decision and its trace, the rules, segments and segment groups. */
export class PoliciesPage {
  readonly user: Locator;
  readonly fqdn: Locator;
  readonly port: Locator;
  readonly useDirectory: Locator;
  readonly attributes: Locator;
  readonly test: Locator;
  readonly decision: Locator;
  readonly trace: Locator;
  readonly ruleType: Locator;
  readonly segments: Locator;
  readonly segmentGroups: Locator;

  constructor(readonly page: Page) {
    this.user = page.getByLabel('User', { exact: true });
    this.fqdn = page.getByLabel('Application (FQDN)');
    this.port = page.getByLabel('Port', { exact: true });
    this.useDirectory = page.getByRole('button', { name: "Use the directory's attributes" });
    this.attributes = page.getByLabel(/^Attributes/);
    this.test = page.getByRole('button', { name: 'Test decision' });
    this.decision = page.getByRole('group', { name: 'Decision' });
    this.trace = page.getByRole('table', { name: 'Decision trace' });
    this.ruleType = page.getByLabel('Policy', { exact: true });
    this.segments = page.getByRole('table', { name: 'Application segments' });
    this.segmentGroups = page.getByRole('table', { name: 'Segment groups' });
  }

  rules(type: 'Access policy' | 'Client forwarding policy' | 'Timeout policy'): Locator {
    return this.page.getByRole('table', { name: `${type} rules` });
  }

  /** The JSON editor open on a rule, segment or segment group. */
  editor(name: RegExp | string): Locator {
    return this.page.getByRole('textbox', { name });
  }
}
