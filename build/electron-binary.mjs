// Where the Electron binary is, found without triggering the electron package's lazy download
// (which fails on machines that reach only the npm registry). Used by `npm start` and the
// `_electron` end-to-end suite.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {{ bin: string } | { reason: string }} */
export function electronBinary() {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const bin = join(override, rel ?? 'electron');
    return existsSync(bin) ? { bin } : { reason: `no Electron binary at ${bin}` };
  }
  if (!rel)
    return {
      reason:
        'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)',
    };
  const bin = join(pkgDir, 'dist', rel);
  return existsSync(bin) ? { bin } : { reason: `the Electron binary is missing (${bin})` };
}

// `node build/electron-binary.mjs`: prints the binary's path (exit 0) or why there is none (exit 1).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = electronBinary();
  console.log(found.bin ?? found.reason);
  process.exitCode = found.bin ? 0 : 1;
}
