import { test } from './fixtures.js';
import { exportLogs } from './stories/export-logs.js';

test('Export Logs produces a ZIP without a token or a password', async ({ harness }) => {
  await exportLogs(harness);
});
