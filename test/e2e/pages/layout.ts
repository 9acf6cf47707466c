import { expect, type Page } from '@playwright/test';

/**
 * What makes the window scroll or clip sideways: the page itself, any element reaching past the
 * left or right edge of the viewport, any scroll container with more width than it shows, and
 * any element that hides a part of its content sideways (text cut with an ellipsis on purpose
 * excepted). Empty when the window fits its width.
 */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const found: string[] = [];
    const root = document.scrollingElement;
    if (root && root.scrollWidth > root.clientWidth) {
      found.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth} px)`);
    }
    const describe = (el: Element) => {
      const classes = [...el.classList].slice(0, 2).join('.');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${classes ? `.${classes}` : ''}> "${text}"`;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      // Nothing drawn, or visually hidden (1 × 1 px, clipped).
      if (box.width <= 1 || box.height <= 1) continue;
      if (box.left < -1 || box.right > viewport + 1) {
        found.push(`${describe(el)} spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
        continue;
      }
      const style = getComputedStyle(el);
      if (style.overflowX === 'visible' || style.textOverflow === 'ellipsis') continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        const what =
          style.overflowX === 'auto' || style.overflowX === 'scroll' ? 'scrolls' : 'cuts';
        found.push(`${describe(el)} ${what} ${el.scrollWidth - el.clientWidth} px sideways`);
      }
    }
    return found.slice(0, 12);
  });
}

/** Fails, naming the culprits, when the window does not fit its width (no sideways scrolling). */
export async function expectNoSidewaysScroll(page: Page) {
  const size = page.viewportSize();
  await expect
    .poll(() => sidewaysOverflow(page), {
      message: `no horizontal overflow at ${size ? `${size.width} × ${size.height}` : 'this size'}`,
      timeout: 5_000,
    })
    .toEqual([]);
}
