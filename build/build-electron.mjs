// Bundles the Electron host into dist/electron (vite's build API, no config file):
//   main.mjs          the main process (ESM; dependencies stay in node_modules)
//   preload.cjs       the preload, one CommonJS file with the contract inlined (a sandboxed
//                     preload cannot load modules of its own)
//   cloud-entry.mjs   the bundled cloud, run in a utility process (never the main process)
//   cloud-process.cjs the utility process entry: imports cloud-entry.mjs
// Usage: node build/build-electron.mjs [--out <dir>]   (default dist/electron)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = values.out ? resolve(values.out) : join(root, 'dist', 'electron');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const deps = Object.keys(pkg.dependencies ?? {});
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const isDep = (id) => deps.some((d) => id === d || id.startsWith(`${d}/`));

async function bundle({ entry, fileName, format, external }) {
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
        output: { format, entryFileNames: fileName, codeSplitting: false },
      },
    },
    ssr: { target: 'node', noExternal: true },
  });
}

mkdirSync(outDir, { recursive: true });
const hostExternal = (id) => id === 'electron' || nodeBuiltins.includes(id) || isDep(id);
await bundle({
  entry: 'electron/main/main.ts',
  fileName: 'main.mjs',
  format: 'es',
  external: hostExternal,
});
await bundle({
  entry: 'electron/preload/preload.ts',
  fileName: 'preload.cjs',
  format: 'cjs',
  external: (id) => id === 'electron',
});
await bundle({
  entry: 'electron/main/cloud-entry.ts',
  fileName: 'cloud-entry.mjs',
  format: 'es',
  external: (id) => nodeBuiltins.includes(id) || isDep(id),
});
// The admin console (GET /admin) is part of the renderer build: the cloud serves it from
// ../renderer next to its bundled entry (electron/cloud/admin/console-routes.ts).
writeFileSync(
  join(outDir, 'cloud-process.cjs'),
  `// Utility process entry (CommonJS), loading the bundled cloud (ESM).
const { pathToFileURL } = require('node:url');
const { join } = require('node:path');
import(pathToFileURL(join(__dirname, 'cloud-entry.mjs')).href).catch((e) => {
  console.error(e);
  process.exit(1);
});
`,
);
console.log(`Electron host bundled into ${outDir}`);
