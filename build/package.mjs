// `npm run package[:linux|:win|:mac]`: builds the renderer and the Electron bundles, stages the
// app in dist/stage with production dependencies only, and runs electron-builder there (see
// build/stage-app.mjs for why). Needs internet: electron-builder downloads Electron and its
// headers. Usage: node build/package.mjs [--linux] [--win] [--mac]   (none: this platform)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builderOptions, electronVersion, loadBuilderConfig, stageApp } from './stage-app.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, 'dist', 'stage');
const platforms = ['linux', 'win', 'mac'].filter((p) => process.argv.includes(`--${p}`));

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

run('npm', ['run', '--silent', 'build:renderer'], root);
run('npm', ['run', '--silent', 'build:electron'], root);
stageApp(root, stage);
// Production dependencies, without install scripts: electron-builder builds the native ones for
// Electron next (a build for Node here would only be thrown away).
run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], stage);

const { build } = createRequire(import.meta.url)('electron-builder');
const options = builderOptions({
  root,
  stage,
  config: await loadBuilderConfig(root),
  electronVersion: electronVersion(root),
  platforms,
});
const files = await build(options);
console.log(`Packaged:\n${files.map((f) => `  ${f}`).join('\n')}`);
