// Renders build/icons/icon.svg to the PNGs electron-builder and the tray use (Chromium, the one
// the e2e tests drive). Run after changing the SVG: node build/make-icons.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'icons');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage();
for (const size of [512, 256, 64, 32, 16]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`,
  );
  const name = size === 512 ? 'icon.png' : `${size}x${size}.png`;
  await page.screenshot({ path: join(dir, name), omitBackground: true });
  console.log(`${name}`);
}
await browser.close();
