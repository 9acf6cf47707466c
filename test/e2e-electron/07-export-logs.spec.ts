import { exportLogs } from '../e2e/stories/export-logs.js';
import { test } from './fixtures.js';

test('Export Logs produces a ZIP without a token or a password', async ({ harness }) => {
  await exportLogs(harness);
});
