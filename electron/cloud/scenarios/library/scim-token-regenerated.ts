/**
 * The admin clicks Generate New Token in the cloud, which replaces the old token at once, but
 * the IdP keeps the old one (domain.md §2.6): every push is refused with 401 (the IdP's
 * provisioning log shows them; the cloud's SCIM Sync Logs do not list unauthenticated calls),
 * so a new hire is never created and gets a Connection Error.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';
import { connectProvisioning } from './steps.js';

export default defineScenario((d) => {
  const USER = `eve@${d.acme}`;
  return {
    id: 'scim-token-regenerated',
    title: 'SCIM token regenerated: the IdP keeps the old one, pushes get 401',
    audience: ['support'],
    summary:
      "An admin generated a new SCIM token in the cloud but did not paste it into Okta. Okta's pushes get 401, so the new hire Eve is not in the cloud's SCIM database.",
    user: USER,
    start: {
      idps: [{ do: 'patchIdp', idp: 'Okta (SAML)', set: { scimSyncEnabled: true } }],
      provisioning: [...connectProvisioning('Okta (SAML)')],
    },
    incident: [
      {
        do: 'generateScimToken',
        idp: 'Okta (SAML)',
        title: 'okta: an admin clicks Generate New Token again',
      },
      {
        do: 'createUser',
        idp: 'Okta (SAML)',
        userName: USER,
        givenName: 'Eve',
        familyName: 'Ekberg',
        department: 'Sales',
        groups: ['ZPA Users'],
      },
      { do: 'waitForProvisioning', idp: 'Okta (SAML)', logStatus: 401 },
      { do: 'expectScimUser', idp: 'Okta (SAML)', user: USER, active: null },
      { do: 'signIn', user: USER },
    ],
    symptom: {
      service: 'error',
      auth: 'authenticated',
      code: CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
      reason: 'not_synced',
    },
    fixes: [
      {
        id: 'paste-new-token',
        title: 'Paste the new token into the IdP, then retry the failed tasks',
        steps: [
          { do: 'configureProvisioning', idp: 'Okta (SAML)', token: 'latest' },
          {
            do: 'restartProvisioning',
            idp: 'Okta (SAML)',
            title: 'At the IdP okta: Dashboard > Tasks > Retry',
          },
          { do: 'waitForProvisioning', idp: 'Okta (SAML)', user: USER, state: 'provisioned' },
          // Connection Error's remedy is the user's Retry (domain.md §3): the real client does not
          // reconnect because the cloud changed.
          { do: 'retry', user: USER },
        ],
      },
    ],
    outcome: { service: 'on', auth: 'authenticated' },
  };
});
