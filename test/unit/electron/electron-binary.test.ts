/**
 * `node build/electron-binary.mjs`, which .ci/run asks whether to run the Electron stories under
 * xvfb-run: the binary's path and exit 0, or why there is none and exit 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cc-electron-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ask = (distPath: string) =>
  spawnSync(process.execPath, [join(ROOT, 'build', 'electron-binary.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distPath },
  });

describe('electron-binary.mjs', () => {
  it('prints the binary and exits 0 where it exists', () => {
    const bin = join(dir, 'electron');
    writeFileSync(bin, '');
    const r = ask(dir);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(bin);
  });

  it('prints why and exits 1 where it does not', () => {
    const r = ask(join(dir, 'nowhere'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/no Electron binary at/);
  });
});
