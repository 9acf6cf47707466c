/**
 * A connector session for a demo user, signed in the way the connector does it (the bundled IdP's
 * login form over HTTP, SAML or OIDC by the user's domain): for tests of routes that need one.
 */
import { signIn } from '../../electron/connector/auth/sign-in.js';
import { CloudApi } from '../../electron/connector/cloud-api.js';
import { HttpFormBrowser } from '../../electron/connector/http-browser.js';

export async function demoSessionToken(
  cloudUrl: string,
  username: string,
  deviceId: string,
): Promise<string> {
  const issued = await signIn({
    api: new CloudApi(cloudUrl),
    username,
    deviceId,
    browser: new HttpFormBrowser({ username, password: 'Passw0rd!' }),
  });
  return issued.sessionToken;
}
