/**
 * The SQLite checkpointer's worker thread (issue 15 item 7): when it cannot open its database (or
 * load its driver, as inside a packaged app's archive), the cloud's process lives on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startCheckpointer } from '../../../electron/cloud/store/checkpointer.js';

describe('checkpointer worker', () => {
  it('a worker that fails is reported, not an unhandled error, and closes at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-checkpointer-'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const checkpointer = startCheckpointer(join(dir, 'missing', 'cloud.db'), 10);
      await vi.waitFor(() =>
        expect(errors).toHaveBeenCalledWith(expect.stringMatching(/SQLite checkpointer stopped/)),
      );
      await checkpointer.close();
    } finally {
      errors.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
