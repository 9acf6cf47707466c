// `npm start`: builds the renderer, then runs the Electron app when its binary is there. Where it
// is not (it cannot be downloaded on the machines this project is developed on), runs the web
// shell instead, from its bundle (rebuilt when a source is newer), and says so, with its URL.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebShell, WEB_SHELL_BUNDLE } from './build-web-shell.mjs';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

function run(cmd, args) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  return r.status === 0;
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (!run('npm', ['run', '--silent', 'build:renderer'])) {
  console.error('The renderer build failed.');
  process.exit(1);
}

const electron = electronBinary();
if (electron.bin && run(process.execPath, [join(root, 'build', 'build-electron.mjs')])) {
  // The folder, not the bundle: Electron takes the app's name and version from package.json,
  // whose `main` is dist/electron/main.mjs.
  const child = spawn(electron.bin, [root, ...passThrough], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CONNECTOR_APP_ROOT: root, CONNECTOR_NODE: process.execPath },
  });
  forward(child);
} else {
  const reason = electron.reason ?? 'the Electron host could not be built';
  if (await buildWebShell({ ifStale: true })) console.log('The web shell was bundled again.');
  const child = spawn(
    process.execPath,
    [WEB_SHELL_BUNDLE, '--no-build', '--electron-unavailable', reason, ...passThrough],
    { cwd: root, stdio: 'inherit' },
  );
  forward(child);
}
