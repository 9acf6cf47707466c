// Bundles the web shell (electron/web-shell/main.ts, with the bundled cloud and the connector
// core) into dist/web-shell/main.mjs, as build-electron.mjs bundles the Electron host (same
// settings, build/bundle-node.mjs): run from the bundle it starts in about half the time it takes
// from source with tsx (test/bench/README.md, "Web shell start → first paint").
// dist/web-shell is as deep as electron/web-shell, so the paths the code finds from its own
// module (the repository's package.json, dist/renderer) stay the same.
// Usage: node build/build-web-shell.mjs [--if-stale]   (--if-stale: only when a source is newer)
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleNode, nodeExternal, PUSH_WORKER_ENTRY, root } from './bundle-node.mjs';

export const WEB_SHELL_BUNDLE = join(root, 'dist', 'web-shell', 'main.mjs');

/**
 * Dependencies bundled into the web shell rather than loaded from node_modules: ws serves the
 * window's first state, and Node loads it as CommonJS through the ESM loader (its module lexer,
 * a resolution per file) in about three times the CPU its bundled copy takes (test/bench/
 * README.md, "Web shell first paint, fourth round"). Its optional native helpers (bufferutil,
 * utf-8-validate) are not installed, so it runs its JavaScript fallbacks either way.
 */
const BUNDLED_DEPENDENCIES = new Set(['ws']);

/** What the bundle is made of: newer than the bundle means it is stale. */
const SOURCES = [
  'electron',
  'shared',
  'package.json',
  'package-lock.json',
  'build/bundle-node.mjs',
];

function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

export function webShellBundleStale() {
  if (!existsSync(WEB_SHELL_BUNDLE)) return true;
  const built = statSync(WEB_SHELL_BUNDLE).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(root, s)) > built);
}

export async function buildWebShell({ ifStale = false } = {}) {
  if (ifStale && !webShellBundleStale()) return false;
  // Old chunks go: their names carry a hash of their content.
  rmSync(join(root, 'dist', 'web-shell'), { recursive: true, force: true });
  const outDir = join(root, 'dist', 'web-shell');
  await bundleNode({
    entry: 'electron/web-shell/main.ts',
    outDir,
    fileName: 'main.mjs',
    format: 'es',
    external: (id) => nodeExternal(id) && !BUNDLED_DEPENDENCIES.has(id),
    // The connector service in a chunk of its own, loaded once the first window has its state
    // (electron/web-shell/server.ts); the bridges' (ws) in another, loaded once it listens.
    split: true,
  });
  // The provisioning engine's push worker runs from a file of its own beside the bundle.
  await bundleNode({
    entry: PUSH_WORKER_ENTRY,
    outDir,
    fileName: 'push-worker.mjs',
    format: 'es',
    external: nodeExternal,
  });
  // The bundled cloud's worker thread (electron/web-shell/bundled-cloud.ts finds it beside
  // main.mjs): it loads and seeds the cloud while the host serves the window.
  await bundleNode({
    entry: 'electron/web-shell/cloud-worker.ts',
    outDir,
    fileName: 'cloud-worker.mjs',
    format: 'es',
    external: nodeExternal,
  });
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { 'if-stale': { type: 'boolean', default: false } } });
  if (await buildWebShell({ ifStale: values['if-stale'] })) {
    console.log(`Web shell bundled into ${WEB_SHELL_BUNDLE}`);
  }
}
