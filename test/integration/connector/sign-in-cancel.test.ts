/**
 * Cancel on the OIDC IdP's page (issue 8, wrong today 1): the callback carries
 * error=access_denied, which is the user's choice, SIGN_IN_CANCELLED, not an IdP failure (1005).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { ConnectorCore } from '../../../electron/connector/core/connector-core.js';
import { MemorySecretStore } from '../../../electron/connector/core/session-store.js';
import { HttpFormBrowser } from '../../../electron/connector/http-browser.js';
import { describeError } from '../../../shared/errors/index.js';
import { PASSWORD, storyCloud, until } from '../stories/connector-harness.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await storyCloud();
});
afterAll(async () => cloud.close());

it('a Cancel at the OIDC IdP is SIGN_IN_CANCELLED, shown as neutral', async () => {
  const core = new ConnectorCore({
    cloudUrl: cloud.baseUrl,
    deviceId: 'device-cancel',
    browser: new HttpFormBrowser({
      username: 'erin@globex.example',
      password: PASSWORD,
      cancel: true,
    }),
    secrets: new MemorySecretStore(),
  });
  core.signIn('erin@globex.example');
  const s = await until(core, (x) => x.auth.status === 'unauthenticated' && !!x.auth.lastError);
  const code = s.auth.status === 'unauthenticated' ? s.auth.lastError?.code : undefined;
  expect(code).toBe('SIGN_IN_CANCELLED');
  expect(describeError(code!).severity).toBe('info');
  expect(s.service.status).toBe('off');
  core.dispose();
});
