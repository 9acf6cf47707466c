import { scimPolicyEnabled } from '../e2e/stories/scim-policy.js';
import { test } from './fixtures.js';

test('SCIM Attributes for Policy enabled while signed in: Authentication Required, the app stays up, the SCIM rule applies after Authenticate', async ({
  harness,
}) => {
  await scimPolicyEnabled(harness);
});
