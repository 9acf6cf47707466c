/**
 * Timestamps taken inside the page (Chromium's clock, epoch ms: `timeOrigin + now()`), so the
 * figure is the page's own moment of paint, not when a Playwright assertion that polls at 100,
 * 250, 500, 1000 ms intervals got round to noticing it. `installPaintProbe` runs before any of
 * the page's scripts (an init script); `readPaintProbe` collects what it saw.
 */
import type { BrowserContext, Page } from '@playwright/test';

/** Epoch ms of each moment the page went through on its way to the sign-in page. */
export interface PageMoments {
  /** The navigation started (the launch URL, before its redirect). */
  navigationStart: number;
  /** The first byte of the window's HTML (after the redirect that trades the secret). */
  htmlFirstByte: number;
  /** The window's scripts and styles arrived (the last of them). */
  assetsLoaded: number;
  /** React put the first element into #root. */
  reactMounted: number;
  /** The bridge's WebSocket opened, and its first frame (the state) arrived. */
  bridgeOpen: number;
  firstState: number;
  /** The frame that draws the sign-in page's heading (its requestAnimationFrame). */
  signInPainted: number;
}

/** Called by the page at the moment it paints the sign-in page (the bench samples CPU then). */
export const PAINT_BINDING = '__benchSignInPainted';

/**
 * The init script, as source text: a function passed instead would be serialised as tsx compiled
 * it, with helpers (`__name`) the page does not have.
 */
const PROBE = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const marks = (window.__paintMarks = {});
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('open', () => (marks.bridgeOpen ??= now()));
      this.addEventListener('message', () => (marks.firstState ??= now()));
    }
  };
  new MutationObserver((_, observer) => {
    const root = document.getElementById('root');
    if (root && root.firstElementChild) marks.reactMounted ??= now();
    const headings = [...document.querySelectorAll('h1')];
    if (!headings.some((h) => h.textContent === 'Sign In')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      marks.signInPainted = now();
      window[${JSON.stringify(PAINT_BINDING)}]?.(marks.signInPainted);
    });
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

export async function installPaintProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PROBE });
}

export async function readPaintProbe(page: Page): Promise<PageMoments> {
  return page.evaluate(() => {
    const marks = (window as unknown as { __paintMarks: Record<string, number> }).__paintMarks;
    const origin = performance.timeOrigin;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const assets = performance
      .getEntriesByType('resource')
      .filter((r) => /\/assets\/.*\.(js|css)$/.test(r.name))
      .map((r) => (r as PerformanceResourceTiming).responseEnd);
    return {
      navigationStart: origin,
      htmlFirstByte: origin + nav.responseStart,
      assetsLoaded: origin + Math.max(...assets),
      reactMounted: marks.reactMounted!,
      bridgeOpen: marks.bridgeOpen!,
      firstState: marks.firstState!,
      signInPainted: marks.signInPainted!,
    };
  });
}
