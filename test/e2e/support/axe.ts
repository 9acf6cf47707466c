import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * axe-core's WCAG 2.x A and AA rules on the page as it is now: no serious or critical finding.
 *
 * Run in axe's "legacy" mode, in the page itself: the default mode opens a blank tab for every
 * check to merge the results of cross-origin frames, which these pages cannot have (their CSP
 * says frame-ancestors 'none' and they embed no frame); that tab and a second copy of axe in it
 * were most of a check's seconds. Only violations are collected in full (`resultTypes`), the
 * only kind asserted on; every rule still runs on every element.
 */
export async function expectNoSeriousAxeViolations(page: Page, what: string) {
  expect(page.frames(), `${what} embeds no frame (axe runs in the page only)`).toHaveLength(1);
  // options() replaces what the builder holds, so it comes before withTags.
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .setLegacyMode()
    .analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(serious, `axe on ${what}`).toEqual([]);
}
