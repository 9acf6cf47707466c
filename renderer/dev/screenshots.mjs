/* global document */
// Screenshots of the main screens on the mock connector (a dev aid, not a test):
//   node renderer/dev/screenshots.mjs            -> test-results/screens/renderer-*.png
// Builds the renderer in `mock` mode, serves it with a strict Content-Security-Policy (no inline
// scripts or styles) and fails on any CSP violation or console error. Debian's Chromium only.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const root = process.cwd();
const out = join(root, 'dist/renderer-mock');
const shots = join(root, 'test-results/screens');
mkdirSync(shots, { recursive: true });
execFileSync('npx', ['vite', 'build', '--mode', 'mock', '--outDir', out, '--logLevel', 'warn'], {
  stdio: 'inherit',
});

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  const file = join(out, path === '/' ? 'index.html' : path);
  if (!file.startsWith(out) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
  });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});

const problems = [];
async function shot(name, scenario, page, act, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1180, height: 780 },
    colorScheme: options.dark ? 'dark' : 'light',
    deviceScaleFactor: 1,
  });
  const p = await context.newPage();
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${name}: console: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`));
  await p.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  await p.goto(`${base}?scenario=${scenario}#/${page}`);
  await p.getByRole('heading', { level: 1 }).waitFor();
  if (act) await act(p);
  await p.waitForTimeout(150);
  if (options.fullPage) {
    // The window scrolls inside <main>: grow the viewport to the content instead.
    const height = await p.evaluate(() => {
      const main = document.querySelector('main');
      return Math.ceil((main?.scrollHeight ?? 0) + (main?.getBoundingClientRect().top ?? 0));
    });
    const { width } = p.viewportSize();
    await p.setViewportSize({ width, height: Math.max(780, Math.min(height, 4000)) });
    await p.waitForTimeout(50);
  }
  await p.screenshot({ path: join(shots, `renderer-${name}.png`) });
  await context.close();
  console.log(`renderer-${name}.png`);
}

await shot('sign-in', 'signed-out', 'sign-in');
await shot('authenticating', 'signed-out', 'sign-in', async (p) => {
  await p.getByLabel('Username').fill('alex.morgan@acme.example');
  await p.getByRole('button', { name: 'Sign In' }).click();
  await p.getByText('Authenticating…').waitFor();
});
await shot('private-access-on', 'on', 'private-access');
await shot(
  'okta-sync-error',
  'okta-sync-error',
  'private-access',
  async (p) => {
    await p.getByRole('button', { name: 'Details' }).click();
  },
  { fullPage: true },
);
await shot('reauth-required', 'reauth-required', 'private-access');
await shot('reauth-warning', 'reauth-warning', 'private-access');
await shot(
  'apps-blocked-why',
  'blocked-app',
  'apps',
  async (p) => {
    await p.getByRole('button', { name: /^Blocked applications/ }).click();
    await p.getByRole('button', { name: 'Open Finance Portal' }).click();
    await p.getByRole('button', { name: 'Why?' }).click();
  },
  { fullPage: true },
);
await shot(
  'apps-allowed',
  'on',
  'apps',
  async (p) => {
    await p.getByRole('button', { name: 'Open Jira' }).click();
    await p.getByRole('heading', { name: /Allowed/ }).waitFor();
  },
  { fullPage: true },
);
await shot('troubleshoot', 'on', 'troubleshoot');
await shot('report-issue', 'on', 'troubleshoot', async (p) => {
  await p.getByRole('button', { name: 'Report an Issue' }).click();
  await p.getByLabel('Email').fill('alex@');
  await p.getByRole('button', { name: 'Send' }).click();
});
await shot('notifications', 'reauth-required', 'notifications');
await shot('about', 'on', 'about');
await shot('settings', 'on', 'settings');
await shot('dark-private-access', 'reauth-warning', 'private-access', null, { dark: true });
await shot(
  'dark-apps-why',
  'blocked-app',
  'apps',
  async (p) => {
    await p.getByRole('button', { name: /^Blocked applications/ }).click();
    await p.getByRole('button', { name: 'Open HR Portal' }).click();
    await p.getByRole('button', { name: 'Why?' }).click();
  },
  { dark: true, fullPage: true },
);
await shot('narrow-private-access', 'okta-sync-error', 'private-access', null, {
  viewport: { width: 700, height: 900 },
});

await browser.close();
server.close();
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
