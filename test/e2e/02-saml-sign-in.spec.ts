import { test } from './fixtures.js';
import { samlSignIn } from './stories/saml.js';

test("SAML sign-in through the bundled IdP's login page in the sign-in window", async ({
  harness,
}) => {
  await samlSignIn(harness);
});
