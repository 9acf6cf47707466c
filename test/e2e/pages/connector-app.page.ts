import { expect, type Locator, type Page } from '@playwright/test';
import { expectNoSidewaysScroll } from './layout.js';

export type WindowViewLabel = 'Real client' | 'Simulator insight';

/** Internal codes an end user never sees in the real client (domain.md §7). */
const CAUSE_CODE = /\b(BRK|AST|ZPN|MT)_[A-Z_]+\b/;
/** Rows the real client does not have. */
const INSIGHT_ROWS = /^(Identity Provider|Directory Sync|SCIM Policy|Cloud Updates)$/;

/** The Client Connector window: navigation, the reauthentication banner, error panels. */
export class ConnectorApp {
  readonly nav: Locator;
  readonly heading: Locator;
  readonly reauthBanner: Locator;
  readonly alert: Locator;
  /** The top bar's mark of the insight view. */
  readonly viewBadge: Locator;

  constructor(readonly page: Page) {
    this.viewBadge = page.getByRole('banner').getByText('Simulator insight', { exact: true });
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.reauthBanner = page.getByRole('region', { name: 'Reauthentication' });
    this.alert = page.getByRole('alert');
  }

  async go(
    to:
      | 'Sign In'
      | 'Private Access'
      | 'Applications'
      | 'Notifications'
      | 'Troubleshoot'
      | 'About'
      | 'Settings',
  ) {
    await this.nav.getByRole('link', { name: to }).click();
    await expect(this.heading).toHaveText(to);
    await expectNoSidewaysScroll(this.page);
  }

  /**
   * Switches the window's view in Settings (saved with the connector's settings), then returns
   * to `back`: the real client's view is the default.
   */
  async useView(view: WindowViewLabel, back: 'Sign In' | 'Private Access' = 'Sign In') {
    await this.go('Settings');
    // A click, not check(): the radio follows the saved setting, a moment after the click.
    const radio = this.page.getByRole('radio', { name: new RegExp(`^${view}`) });
    await radio.click();
    await expect(this.page.getByText(`Saved: ${view} view.`)).toBeVisible();
    await expect(radio).toBeChecked();
    await expect(this.viewBadge).toHaveCount(view === 'Simulator insight' ? 1 : 0);
    await this.go(back);
  }

  /**
   * The real client's view shows no internal cause code (session status codes, SCIM reasons,
   * the admin's fix) and nothing marked as simulator insight.
   */
  async expectRealClientOnly() {
    const main = this.page.getByRole('main');
    await expect(main).not.toContainText(CAUSE_CODE);
    await expect(main).not.toContainText(
      /not_synced|PROVISION_OUT_OF_SYNC_USERS|Simulator insight/,
    );
    await expect(this.viewBadge).toHaveCount(0);
    await expect(main.getByRole('term').filter({ hasText: INSIGHT_ROWS })).toHaveCount(0);
  }

  /** The insight view names the cause code and marks it as simulator-only. */
  async expectInsight(code: string) {
    const main = this.page.getByRole('main');
    await expect(main).toContainText(code);
    await expect(main).toContainText('In the real client this is visible to your admin in');
    await expect(this.viewBadge).toBeVisible();
  }

  /** An error panel by its title (the catalog title of the code). */
  errorPanel(title: string | RegExp): Locator {
    return this.page
      .getByRole('region', { name: title })
      .or(this.page.getByRole('alert').filter({ hasText: title }));
  }
}
