import { oktaSyncError } from '../e2e/stories/okta-sync-error.js';
import { test } from './fixtures.js';

test('the Okta sync error: Connection Error with code and remedy; the admin fixes it; Retry connects', async ({
  harness,
}) => {
  await oktaSyncError(harness);
});
