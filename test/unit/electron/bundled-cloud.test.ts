/**
 * The bundled cloud outside the main process (electron/main/bundled-cloud.ts): from source a real
 * cloud in the system Node; packaged, Electron's utility process (mocked here).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const forks: FakeUtility[] = [];
class FakeUtility extends EventEmitter {
  pid: number | undefined = 4242;
  kill = vi.fn(() => {
    this.pid = undefined;
    this.emit('exit', 0);
    return true;
  });
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    forks.push(this);
  }
}
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (p: string, a: string[], o: Record<string, unknown>) => new FakeUtility(p, a, o),
  },
}));

const { startBundledCloud } = await import('../../../electron/main/bundled-cloud.js');
const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('bundled cloud', () => {
  it('from source: a real cloud in the system Node, answering until stopped', async () => {
    const cloud = await startBundledCloud({
      packaged: false,
      appDir: ROOT,
      db: ':memory:',
      adminToken: 'a-test-token',
      nodePath: process.execPath,
    });
    try {
      expect(cloud.adminToken).toBe('a-test-token');
      const health = await fetch(new URL('/api/health', cloud.baseUrl));
      expect(health.status).toBe(200);
    } finally {
      cloud.stop();
    }
    await vi.waitFor(() => expect(fetch(new URL('/api/health', cloud.baseUrl))).rejects.toThrow());
  }, 60_000);

  it('from source: a cloud that cannot open its database fails with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-bundled-'));
    writeFileSync(join(dir, 'a-file'), '');
    try {
      await expect(
        startBundledCloud({
          packaged: false,
          appDir: ROOT,
          // Under a plain file: no folder can be made there.
          db: join(dir, 'a-file', 'cloud.db'),
          nodePath: process.execPath,
        }),
      ).rejects.toThrow(/could not start|exited/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('packaged: runs cloud-process.cjs in a utility process and takes its ready message', async () => {
    const started = startBundledCloud({
      packaged: true,
      appDir: '/app/dist/electron',
      db: '/u/c.db',
    });
    const proc = forks.at(-1)!;
    expect(proc.modulePath).toBe(join('/app/dist/electron', 'cloud-process.cjs'));
    expect(proc.args).toEqual(['--db', '/u/c.db', '--port', '0']);
    proc.emit('message', { type: 'ready', baseUrl: 'http://127.0.0.1:4000', adminToken: 'x' });
    const cloud = await started;
    expect(cloud.baseUrl).toBe('http://127.0.0.1:4000');
    cloud.stop();
    expect(proc.kill).toHaveBeenCalled();
  });

  it('packaged: an error message or an early exit rejects', async () => {
    const failing = startBundledCloud({ packaged: true, appDir: '/a', db: '/u/c.db' });
    forks.at(-1)!.emit('message', { type: 'error', message: 'SQLITE_CANTOPEN' });
    await expect(failing).rejects.toThrow('The bundled cloud could not start: SQLITE_CANTOPEN');
    const exiting = startBundledCloud({ packaged: true, appDir: '/a', db: '/u/c.db' });
    forks.at(-1)!.emit('exit', 1);
    await expect(exiting).rejects.toThrow('The bundled cloud exited (1).');
  });
});
