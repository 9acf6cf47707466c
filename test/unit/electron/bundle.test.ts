/**
 * The Electron bundles as `npm run build:electron` makes them (built here into a temporary
 * folder): the file package.json launches, and a preload that carries the contract's names only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'cc-bundle-'));
  execFileSync(process.execPath, [join(ROOT, 'build', 'build-electron.mjs'), '--out', out], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('Electron bundles', () => {
  it('emit the main process package.json launches', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/electron/main.mjs');
    expect(existsSync(join(out, 'main.mjs'))).toBe(true);
  });

  it('the preload requires only electron and carries no zod', () => {
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).not.toMatch(/ZodType|\$ZodObject|_zod\b|safeParse/);
    // It was ~170 KB with zod inlined.
    expect(statSync(join(out, 'preload.cjs')).size).toBeLessThan(10_000);
  });
});
