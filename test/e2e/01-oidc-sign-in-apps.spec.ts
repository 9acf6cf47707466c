import { test } from './fixtures.js';
import { oidcSignInAndApps } from './stories/oidc-apps.js';

test('OIDC sign-in, On, an allowed app, then a blocked app and its policy trace', async ({
  harness,
}) => {
  await oidcSignInAndApps(harness);
});
