// Finds the Chromium the end-to-end tests drive, installing Debian's package when it is missing.
// Playwright never downloads a browser here: only the npm registry and Debian's apt are reachable.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].filter(Boolean);
const found = () => candidates.find((p) => existsSync(p));

if (!found()) {
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...asRoot, ...args];
    execFileSync(cmd, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  console.log('Chromium not found: installing Debian package "chromium" with apt-get.');
  try {
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  } catch {
    console.error(
      'Could not install chromium. Install it (apt-get install chromium) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
}
console.log(`Chromium: ${found()}`);
