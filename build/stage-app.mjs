// Packaging from a staged copy (npm run package[:linux|:win|:mac], build/package.mjs).
// electron-builder rebuilds native modules (better-sqlite3) for Electron's ABI in the project it
// packages. Run on the repository, that overwrites node_modules/better-sqlite3, after which the
// development cloud (system Node) and `npm test` can no longer load it. So the app is copied to
// dist/stage with its own node_modules, and electron-builder packages and rebuilds there.
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** What the packaged app is made of (besides its production node_modules). */
export const STAGED_PATHS = [
  'package.json',
  'package-lock.json',
  'dist/electron',
  'dist/renderer',
  'build/icons',
];

/** Copies the built app into `stage` (emptied first); returns the staged directory. */
export function stageApp(root, stage) {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const p of STAGED_PATHS) {
    cpSync(join(root, p), join(stage, p), {
      recursive: true,
      filter: (src) => !src.endsWith('.map'),
    });
  }
  return stage;
}

/** The Electron version installed in the repository (the stage has no devDependencies). */
export function electronVersion(root) {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'))
    .version;
}

/** electron-builder's configuration, read by electron-builder's own loader (electron-builder.ts). */
export async function loadBuilderConfig(root) {
  const require = createRequire(join(root, 'package.json'));
  const { getConfig } = require('app-builder-lib/out/util/config/config.js');
  return getConfig(root, null, null);
}

/**
 * electron-builder's options for the staged copy: it packages (and rebuilds native modules in)
 * `stage`, never `root`; the installers go to the repository's dist/packages.
 * @param {{ root: string, stage: string, config: object, electronVersion: string, platforms: string[] }} o
 */
export function builderOptions({ root, stage, config, electronVersion, platforms }) {
  return {
    projectDir: stage,
    publish: 'never',
    config: {
      ...config,
      // The stage holds no electron-builder config file of its own: nothing to extend.
      extends: null,
      electronVersion,
      directories: { ...config.directories, output: join(root, 'dist', 'packages') },
    },
    ...Object.fromEntries(platforms.map((p) => [p, []])),
  };
}
