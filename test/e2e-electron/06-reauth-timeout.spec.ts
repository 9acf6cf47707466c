import { reauthTimeout } from '../e2e/stories/timeout.js';
import { test } from './fixtures.js';

test('timeout policy: the reauth warning with its countdown, then Authentication Required', async ({
  harness,
}) => {
  await reauthTimeout(harness);
});
