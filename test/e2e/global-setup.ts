/** Builds the renderer the web shell serves (vite, a second or two) before the browser tests. */
import { execFileSync } from 'node:child_process';

export default function globalSetup() {
  execFileSync('npm', ['run', '--silent', 'build:renderer'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
}
