import { test } from './fixtures.js';
import { reauthTimeout } from './stories/timeout.js';

test('timeout policy: the reauth warning with its countdown, then Authentication Required', async ({
  harness,
}) => {
  await reauthTimeout(harness);
});
