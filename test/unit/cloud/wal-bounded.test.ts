import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';

const walSize = (file: string) => {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
};

describe('the WAL stays bounded', () => {
  let dir: string;
  let store: Store | undefined;
  let more: Store[] = [];
  afterEach(async () => {
    await store?.close();
    await Promise.all(more.map((s) => s.close()));
    more = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('is truncated to zero once writes pause', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wal-'));
    const file = join(dir, 'cloud.db');
    store = openSqliteStore(file);
    const big = 'x'.repeat(4000);
    for (let i = 0; i < 500; i++) store.settings.set(`k${i}`, big);
    expect(walSize(file)).toBeGreaterThan(1024 * 1024);
    const deadline = Date.now() + 5000;
    while (walSize(file) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(walSize(file)).toBe(0);
    expect(store.settings.get('k499')).toBe(big);
  });

  it.runIf(existsSync('/proc/self/task'))(
    "is truncated in every database of the process (a workshop's tenants share one worker)",
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'wal-'));
      const files = [1, 2, 3].map((k) => join(dir, `cloud.attendee-${k}.db`));
      // Threads of this process (Linux): each checkpointer worker would be one more.
      const threads = () => readdirSync('/proc/self/task').length;
      const before = threads();
      more = files.map((f) => openSqliteStore(f));
      const big = 'x'.repeat(4000);
      for (const s of more) for (let i = 0; i < 300; i++) s.settings.set(`k${i}`, big);
      for (const f of files) expect(walSize(f)).toBeGreaterThan(512 * 1024);
      const deadline = Date.now() + 5000;
      while (files.some((f) => walSize(f) > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(files.map(walSize)).toEqual([0, 0, 0]);
      expect(threads() - before).toBeLessThanOrEqual(1);
    },
  );
});
