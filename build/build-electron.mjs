// Bundles the Electron host into dist/electron (vite's build API, no config file):
//   main.mjs          the main process (ESM; dependencies stay in node_modules)
//   preload.cjs       the preload, one CommonJS file with the contract inlined (a sandboxed
//                     preload cannot load modules of its own)
//   cloud-entry.mjs   the bundled cloud, run in a utility process (never the main process)
//   cloud-process.cjs the utility process entry: imports cloud-entry.mjs
//   push-worker.mjs   the provisioning engine's push worker thread, started by the cloud
// Usage: node build/build-electron.mjs [--out <dir>]   (default dist/electron)
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleNode, nodeExternal, PUSH_WORKER_ENTRY, root } from './bundle-node.mjs';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = values.out ? resolve(values.out) : join(root, 'dist', 'electron');
const bundle = (o) => bundleNode({ ...o, outDir });

mkdirSync(outDir, { recursive: true });
const hostExternal = (id) => id === 'electron' || nodeExternal(id);
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
  external: nodeExternal,
});
// The provisioning engine's push worker, beside the bundled cloud that starts it.
await bundle({
  entry: PUSH_WORKER_ENTRY,
  fileName: 'push-worker.mjs',
  format: 'es',
  external: nodeExternal,
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
