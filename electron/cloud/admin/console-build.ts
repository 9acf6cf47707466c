import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { consoleIndex, defaultConsoleDir } from './console-routes.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * From a source checkout, builds the renderer (the window and the admin console, one Vite
 * build) when the console's page is missing, as the web shell does for the window. Says what it
 * does; a failed build leaves /admin answering how to build it. Returns whether it is built.
 */
export function buildConsoleIfMissing(dir: string = defaultConsoleDir()): boolean {
  if (existsSync(consoleIndex(dir))) return true;
  if (!existsSync(`${REPO_ROOT}vite.config.ts`)) return false;
  console.log('The admin console is not built yet: running "npm run build:renderer".');
  const r = spawnSync('npm', ['run', '--silent', 'build:renderer'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) console.error('The console build failed: /admin says how to build it.');
  return existsSync(consoleIndex(dir));
}
