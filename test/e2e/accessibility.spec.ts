/**
 * Accessibility: axe-core finds no serious or critical violation on any page of the admin
 * console (every page of its registry, as its navigation lists them) nor on any page of the
 * Client Connector window (signed out and signed in); the console works from the keyboard. The
 * console's pages are also photographed at 440 × 760 and 1280 × 800
 * (test-results/screens/console/).
 */
import { expect, test as base } from '@playwright/test';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { test } from './fixtures.js';
import { AdminConsolePage } from './pages/admin-console.page.js';
import { ConnectorApp } from './pages/connector-app.page.js';
import { IdpConfigurationPage } from './pages/console/idp-configuration.page.js';
import { sidewaysOverflow } from './pages/layout.js';
import { signInAs } from './stories/oidc-apps.js';
import { expectNoSeriousAxeViolations } from './support/axe.js';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 440, height: 760 },
];

// axe takes several seconds a page on this project's machines.
base.describe.configure({ timeout: 300_000 });
test.describe.configure({ timeout: 300_000 });

base.describe('the admin console', () => {
  let cloud: RunningCloud;
  base.beforeAll(async () => {
    cloud = await startCloud({ port: 0, db: ':memory:', adminToken: 'e2e-admin' });
  });
  base.afterAll(async () => cloud.close());

  base('every console page passes axe (and is photographed at both sizes)', async ({ page }) => {
    const admin = new AdminConsolePage(page);
    await admin.open(cloud.baseUrl);
    await expectNoSeriousAxeViolations(page, 'the console sign-in');
    await admin.signIn('e2e-admin');
    await expect(admin.nav).toBeVisible();
    const names = await admin.pageNames();
    expect(names.length).toBeGreaterThanOrEqual(9);
    // axe at the desktop size (it takes seconds a page here); both sizes photographed.
    for (const [i, size] of SIZES.entries()) {
      await page.setViewportSize(size);
      for (const name of names) {
        await admin.go(name);
        // Let the page's data arrive first (no "Loading…" row left).
        await expect(page.getByText('Loading…')).toHaveCount(0);
        if (i === 0) await expectNoSeriousAxeViolations(page, `console page ${name}`);
        // Wide tables scroll inside themselves; the page itself never scrolls sideways.
        const sideways = (await sidewaysOverflow(page)).filter((f) => f.startsWith('the page'));
        expect(sideways, `${name} at ${size.width}px`).toEqual([]);
        const file = name.toLowerCase().replace(/\W+/g, '-').replace(/-$/, '');
        await page.screenshot({
          path: `test-results/screens/console/${size.width}x${size.height}/${file}.png`,
          fullPage: true,
        });
      }
    }
    // The Edit panel with a token shown once, too.
    await admin.go('IdP Configuration');
    const idps = new IdpConfigurationPage(page);
    await idps.edit('Globex OIDC');
    await idps.scimSync.check();
    await idps.generateToken.click();
    await expect(idps.tokenWarning).toBeVisible();
    await expectNoSeriousAxeViolations(page, 'the Edit panel with a new token');
    await page.screenshot({
      path: 'test-results/screens/console/440x760/idp-edit-token.png',
      fullPage: true,
    });
  });

  base(
    'the console works from the keyboard: sign in, move between pages, edit an IdP',
    async ({ page }) => {
      const admin = new AdminConsolePage(page);
      await admin.open(cloud.baseUrl);
      // Skip link first, then the front page link, then the token field.
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
      await admin.adminToken.focus();
      await page.keyboard.type('e2e-admin');
      await page.keyboard.press('Enter');
      await expect(admin.nav).toBeVisible();

      // Tab to the navigation's "Sessions" link and follow it: focus lands on the page heading.
      const sessions = admin.nav.getByRole('link', { name: 'Sessions' });
      for (
        let i = 0;
        i < 30 && !(await sessions.evaluate((el) => el === document.activeElement));
        i++
      ) {
        await page.keyboard.press('Tab');
      }
      await expect(sessions).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(admin.pageHeading).toHaveText('Sessions');
      await expect(admin.pageHeading).toBeFocused();

      // Back to IdP Configuration, Edit with Enter, tick with Space, close with the keyboard.
      await admin.go('IdP Configuration');
      const idps = new IdpConfigurationPage(page);
      await page.getByRole('button', { name: 'Edit Okta (SAML)' }).focus();
      await page.keyboard.press('Enter');
      await expect(idps.scimSync).toBeFocused();
      await page.keyboard.press('Space');
      await expect(idps.scimSync).toBeChecked();
      await idps.close.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('button', { name: 'Edit Okta (SAML)' })).toBeFocused();
    },
  );
});

test('every window page passes axe, signed out and signed in', async ({ harness }) => {
  const app = new ConnectorApp(harness.page);
  const signedOut = ['Sign In', 'Troubleshoot', 'About', 'Settings'] as const;
  for (const name of signedOut) {
    await app.go(name);
    await expectNoSeriousAxeViolations(harness.page, `window page ${name} (signed out)`);
  }
  await app.go('Sign In');
  await signInAs(harness, 'erin@globex.example');
  const signedIn = [
    'Private Access',
    'Applications',
    'Notifications',
    'Troubleshoot',
    'About',
    'Settings',
  ] as const;
  for (const name of signedIn) {
    await app.go(name);
    await expectNoSeriousAxeViolations(harness.page, `window page ${name} (signed in)`);
  }
});
