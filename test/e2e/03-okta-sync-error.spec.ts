import { test } from './fixtures.js';
import { oktaSyncError } from './stories/okta-sync-error.js';

test('the Okta sync error: Connection Error (real view), code and remedy (insight view); the admin fixes it; Retry connects', async ({
  harness,
}) => {
  await oktaSyncError(harness);
});
