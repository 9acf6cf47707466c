/**
 * The packaging configuration, checked with electron-builder's own code where it cannot run here
 * (it downloads Electron): its config loader and schema, its deb target's metadata check and
 * default dependencies, its asarUnpack matcher; and the staged copy that keeps the repository's
 * node_modules built for Node.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Configuration } from 'electron-builder';
import {
  builderOptions,
  loadBuilderConfig,
  STAGED_PATHS,
  stageApp,
} from '../../../build/stage-app.mjs';
import { APP_ID } from '../../../electron/main/app-identity.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(join(ROOT, 'package.json'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// electron-builder logs "loaded configuration"; keep the test output quiet.
vi.spyOn(process.stdout, 'write').mockImplementationOnce(() => true);
const config = (await loadBuilderConfig(ROOT)) as Configuration;

describe('electron-builder configuration', () => {
  it('is valid for electron-builder and names the app by its one identity', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe(APP_ID);
  }, 60_000);

  it('gives the deb target a homepage and a maintainer with an email', async () => {
    const FpmTarget = require('app-builder-lib/out/targets/FpmTarget.js').default;
    // The deb target's own check (it threw "Please specify project homepage … author 'email'").
    const target = {
      options: { ...config.linux, ...config.deb },
      packager: {
        appInfo: {
          computePackageUrl: async () => pkg.homepage ?? null,
          linuxPackageName: 'client-connector',
        },
        info: { metadata: pkg },
      },
    };
    const meta = await FpmTarget.prototype.computeFpmMetaInfoOptions.call(target);
    expect(meta.url).toMatch(/^https:\/\//);
    expect(meta.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('keeps the deb dependencies Electron needs, and ours', () => {
    const FpmTarget = require('app-builder-lib/out/targets/FpmTarget.js').default;
    const defaults: string[] = FpmTarget.prototype.getDefaultDepends('deb');
    expect(defaults).toContain('libgtk-3-0');
    const depends = (config.deb?.depends ?? defaults) as string[];
    for (const d of [...defaults, 'libnotify4', 'libsecret-1-0']) expect(depends).toContain(d);
  });

  it('packages the built main process the app is launched with', () => {
    expect(pkg.main).toBe('dist/electron/main.mjs');
    expect(config.extraMetadata?.main ?? pkg.main).toBe(pkg.main);
  });
});

describe('asarUnpack', () => {
  const { getFileMatchers } = require('app-builder-lib/out/fileMatcher.js');
  const unpacked = getFileMatchers(config, 'asarUnpack', '/out/resources/app', {
    macroExpander: (s: string) => s,
    customBuildOptions: config.linux ?? {},
    globalOutDir: join(ROOT, 'dist', 'packages'),
    defaultSrc: ROOT,
  })[0].createFilter() as (file: string, stat: ReturnType<typeof statSync>) => boolean;
  const isUnpacked = (file: string) => unpacked(file, statSync(file));

  // What the bundled cloud's worker threads read from disk.
  const xmllintDir = dirname(require.resolve('xmllint-wasm/package.json'));
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  const workerFiles = [
    join(xmllintDir, 'xmllint-node.js'),
    join(xmllintDir, 'xmllint.wasm'),
    require.resolve('better-sqlite3'),
    join(sqliteDir, 'build', 'Release', 'better_sqlite3.node'),
    require.resolve('bindings'),
  ];

  it.each(workerFiles)('unpacks %s', (file) => expect(isUnpacked(file)).toBe(true));

  it('keeps the rest in the archive', () => {
    expect(isUnpacked(require.resolve('zod'))).toBe(false);
    expect(isUnpacked(join(ROOT, 'package.json'))).toBe(false);
  });
});

describe('packaging from a staged copy', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('the package scripts never run electron-builder on the repository', () => {
    for (const name of ['package', 'package:linux', 'package:win', 'package:mac']) {
      expect(pkg.scripts[name]).toMatch(/^node build\/package\.mjs/);
    }
  });

  it('copies the built app, without source maps, into the stage', () => {
    const root = mkdtempSync(join(tmpdir(), 'cc-stage-root-'));
    dirs.push(root);
    for (const p of STAGED_PATHS) {
      const file = p.includes('.') ? join(root, p) : join(root, p, 'file.js');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, p);
    }
    writeFileSync(join(root, 'dist', 'electron', 'main.mjs.map'), '{}');
    mkdirSync(join(root, 'node_modules', 'better-sqlite3'), { recursive: true });
    const stage = stageApp(root, join(root, 'dist', 'stage'));
    expect(readFileSync(join(stage, 'package.json'), 'utf8')).toBe('package.json');
    expect(readFileSync(join(stage, 'dist', 'electron', 'file.js'), 'utf8')).toBe('dist/electron');
    expect(() => statSync(join(stage, 'dist', 'electron', 'main.mjs.map'))).toThrow();
    expect(() => statSync(join(stage, 'node_modules'))).toThrow();
  });

  it('electron-builder packages (and rebuilds native modules in) the stage only', () => {
    const stage = join(ROOT, 'dist', 'stage');
    const o = builderOptions({
      root: ROOT,
      stage,
      config,
      electronVersion: '45.5.0',
      platforms: ['linux'],
    });
    expect(o.projectDir).toBe(stage);
    expect(o.config.npmRebuild).toBe(true);
    expect(o.config.electronVersion).toBe('45.5.0');
    expect(o.config.directories.output).toBe(join(ROOT, 'dist', 'packages'));
    expect(o.linux).toEqual([]);
    expect(o.publish).toBe('never');
  });
});
