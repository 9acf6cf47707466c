import { test } from './fixtures.js';
import { scimPolicyEnabled } from './stories/scim-policy.js';

test('SCIM Attributes for Policy enabled while signed in: Authentication Required, the app stays up, the SCIM rule applies after Authenticate', async ({
  harness,
}) => {
  await scimPolicyEnabled(harness);
});
