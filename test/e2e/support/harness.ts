/**
 * What a story needs from the host it runs on (the web shell in Chromium, or the Electron app):
 * the Client Connector window, the sign-in window the host opens, the cloud's admin API, and
 * where the host keeps the session token (to prove it never leaks).
 */
import type { Locator, Page } from '@playwright/test';
import { expectNoSidewaysScroll } from '../pages/layout.js';
import type { AdminApi } from './admin-api.js';

export interface Harness {
  host: 'web-shell' | 'electron';
  /** The Client Connector window. */
  page: Page;
  admin: AdminApi;
  cloudUrl: string;
  /**
   * Runs `trigger` (a click that starts a sign-in) and returns the window the host shows the
   * IdP in: the popup of the web shell, the login window of Electron.
   */
  loginWindow(trigger: () => Promise<void>): Promise<Page>;
  /** The session token the host stored, if any. */
  sessionToken(): Promise<string | null>;
  /** The host process's resident memory in bytes (null where it cannot be read). */
  rssBytes(): Promise<number | null>;
}

export const DEMO_PASSWORD = 'Passw0rd!';

/**
 * Saves a screenshot of a main screen under test-results/screens/<width>x<height>/ (looked at by
 * people; `electron-<size>/` for the Electron app), after checking that the Client Connector
 * window fits its width. The window scrolls inside its content pane, so the shot is of the
 * window with `focus` scrolled into view.
 */
export async function screen(h: Harness, name: string, focus?: Locator, page: Page = h.page) {
  if (focus) await focus.scrollIntoViewIfNeeded();
  if (page === h.page) await expectNoSidewaysScroll(page);
  const size = await page.evaluate(() => `${window.innerWidth}x${window.innerHeight}`);
  const folder = h.host === 'electron' ? `electron-${size}` : size;
  await page.screenshot({ path: `test-results/screens/${folder}/${name}.png` });
}
