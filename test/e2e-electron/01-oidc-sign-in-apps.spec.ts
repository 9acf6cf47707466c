import { oidcSignInAndApps } from '../e2e/stories/oidc-apps.js';
import { test } from './fixtures.js';

test('OIDC sign-in, On, an allowed app, then a blocked app and its policy trace', async ({
  harness,
}) => {
  await oidcSignInAndApps(harness);
});
