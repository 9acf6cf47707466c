/**
 * The window's first render is its page when the web shell has a state to show: the page comes
 * with it (shared/contract/page-state.ts), so React never renders "Connecting…" first and the
 * sign-in page a frame later. Watched from the page's start (an init script runs before the
 * page's own), so a "Connecting…" that was there for a single frame is seen.
 */
import { expect, test } from './fixtures.js';
import { SignInPage } from './pages/sign-in.page.js';

/** Records, in order, what the window's main area showed (an init script, as source text). */
const WATCH_FIRST_RENDERS = `(() => {
  const seen = (window.__shown = []);
  new MutationObserver(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const shown = main.querySelector('h1')?.textContent ?? main.textContent.trim();
    if (shown && seen.at(-1) !== shown) seen.push(shown);
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

test('the window renders the sign-in page first, never "Connecting…" before it', async ({
  page,
  shell,
}) => {
  await page.addInitScript({ content: WATCH_FIRST_RENDERS });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(shell.url);
  await expect(new SignInPage(page).heading).toBeVisible();
  const shown = await page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
  expect(shown[0]).toBe('Sign In');
  expect(shown.some((s) => s.includes('Connecting to the Client Connector service'))).toBe(false);
  // The state came in a data block: the page's CSP (no inline scripts) had nothing to refuse.
  expect(violations).toEqual([]);
});
