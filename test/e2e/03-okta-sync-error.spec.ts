import { test } from './fixtures.js';
import { oktaSyncError } from './stories/okta-sync-error.js';

test('the Okta sync error: Connection Error with code and remedy; the admin fixes it; it connects by itself', async ({
  harness,
}) => {
  await oktaSyncError(harness);
});
