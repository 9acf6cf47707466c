import { mkdtempSync, rmSync, statSync } from 'node:fs';
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
  afterEach(async () => {
    await store?.close();
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
});
