import { deactivatedWhileConnected } from '../e2e/stories/deactivated.js';
import { test } from './fixtures.js';

test('a user deactivated in the IdP while connected loses access and is told why', async ({
  harness,
}) => {
  await deactivatedWhileConnected(harness);
});
