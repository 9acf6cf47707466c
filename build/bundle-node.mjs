// One way to bundle this project's Node code (the Electron host, the web shell): vite's build API
// (rollup), no config file, one ESM or CommonJS file per entry with its source map; the project's
// dependencies and Node's built-ins stay outside (loaded from node_modules, so native modules
// such as better-sqlite3 keep their own files). The checkpointer's and the PostgreSQL bridge's
// workers run inline sources and resolve their driver with createRequire; the provisioning push
// worker runs project code, so a bundle that holds the cloud emits it beside itself
// (PUSH_WORKER_ENTRY; electron/cloud/idp/provisioning/push-worker-client.ts finds it there).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const deps = Object.keys(pkg.dependencies ?? {});
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** The push worker's entry, bundled into push-worker.mjs beside every bundle of the cloud. */
export const PUSH_WORKER_ENTRY = 'electron/cloud/idp/provisioning/push-worker.ts';

export const isNodeBuiltin = (id) => nodeBuiltins.includes(id);
export const isDependency = (id) => deps.some((d) => id === d || id.startsWith(`${d}/`));
/** What a Node process loads at run time rather than from the bundle. */
export const nodeExternal = (id) => isNodeBuiltin(id) || isDependency(id);

/**
 * Bundles `entry` (relative to the repository) into `outDir/fileName`; with `split`, what it
 * imports dynamically goes to a chunk beside it, loaded when imported (else all in one file).
 */
export async function bundleNode({ entry, outDir, fileName, format, external, split = false }) {
  // Loaded here, not at the top: a staleness check (build-web-shell.mjs --if-stale) needs none of it.
  const { build } = await import('vite');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: false,
      target: 'node22',
      sourcemap: true,
      minify: false,
      rollupOptions: {
        external,
        output: {
          format,
          entryFileNames: fileName,
          codeSplitting: split,
          // Beside the entry: code that finds files from its own module keeps its folder depth.
          chunkFileNames: '[name]-[hash].mjs',
        },
      },
    },
    ssr: { target: 'node', noExternal: true },
  });
}
