import { samlSignIn } from '../e2e/stories/saml.js';
import { test } from './fixtures.js';

test("SAML sign-in through the bundled IdP's login page in the login window", async ({
  harness,
}) => {
  await samlSignIn(harness);
});
