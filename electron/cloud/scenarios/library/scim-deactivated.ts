/**
 * A user deactivated at the IdP while connected (domain.md §1.5, §2.5): Okta pushes
 * active=false, ZPA deletes the SCIM user, the open app connections close at once
 * (MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE), the session ends (ZPN_ERR_SCIM_INACTIVE) and the
 * client shows Connection Error.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';
import { connectProvisioning } from './steps.js';

export default defineScenario((d) => {
  const USER = `dave@${d.acme}`;
  return {
    id: 'scim-deactivated',
    title: 'SCIM deactivation: access removed at once, open connections closed',
    audience: ['support', 'trainer', 'end-user'],
    summary:
      'Dave is connected with git open when the Okta admin deactivates him. Okta pushes active=false; the cloud closes his connections and his client shows Connection Error.',
    user: USER,
    start: {
      idps: [{ do: 'patchIdp', idp: 'Okta (SAML)', set: { scimSyncEnabled: true } }],
      provisioning: [
        ...connectProvisioning('Okta (SAML)'),
        { do: 'provisionUser', idp: 'Okta (SAML)', user: USER },
      ],
      signedIn: [{ user: USER, open: [`git.${d.acme}`] }],
    },
    incident: [{ do: 'deactivateUser', idp: 'Okta (SAML)', user: USER }],
    symptom: {
      service: 'error',
      auth: 'authenticated',
      code: CODES.ZPN_ERR_SCIM_INACTIVE,
      connections: 0,
    },
    fixes: [
      {
        id: 'reactivate',
        title: 'Reactivate the user at the IdP (if the deactivation was a mistake)',
        steps: [
          { do: 'reactivateUser', idp: 'Okta (SAML)', user: USER },
          { do: 'expectScimUser', idp: 'Okta (SAML)', user: USER, active: true },
          // Connection Error's remedy is the user's Retry (domain.md §3): the real client does not
          // reconnect because the cloud changed.
          { do: 'retry', user: USER },
        ],
      },
    ],
    outcome: {
      service: 'on',
      auth: 'authenticated',
      app: { app: `git.${d.acme}`, port: 443, outcome: 'allowed' },
    },
  };
});
