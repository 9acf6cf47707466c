import { test } from './fixtures.js';
import { deactivatedWhileConnected } from './stories/deactivated.js';

test('a user deactivated in the IdP while connected loses access and is told why', async ({
  harness,
}) => {
  await deactivatedWhileConnected(harness);
});
