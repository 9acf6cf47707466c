/**
 * Before the browser tests: builds the renderer the web shell serves (vite, a second or two) and
 * the web shell's bundle when a source changed (test/e2e/support/web-shell.ts runs it: starting
 * from the bundle takes about half the time tsx takes from source, and every test starts one).
 */
import { execFileSync } from 'node:child_process';
import { buildWebShell } from '../../build/build-web-shell.mjs';

export default async function globalSetup() {
  execFileSync('npm', ['run', '--silent', 'build:renderer'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  await buildWebShell({ ifStale: true });
}
