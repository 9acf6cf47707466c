/**
 * "SCIM Attributes for Policy" first enabled while users are connected (domain.md §2.5): each
 * session must reauthenticate before SCIM criteria apply to it. Only the Authentication Status
 * changes; open app connections stay up; a SCIM-group rule is not evaluated until then.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';
import { connectProvisioning } from './steps.js';

export default defineScenario((d) => {
  const USER = `dave@${d.acme}`;
  const OPS = `ops.${d.acme}`;
  return {
    id: 'scim-attributes-for-policy',
    title: 'SCIM Attributes for Policy first enabled: reauthentication required',
    audience: ['support', 'trainer', 'end-user'],
    summary:
      'Dave is connected with git open when the admin first enables SCIM Attributes for Policy. He sees Authentication Required, git stays open, and the rule for the SCIM group Engineering applies to him only once he authenticates.',
    user: USER,
    start: {
      idps: [{ do: 'patchIdp', idp: 'Okta (SAML)', set: { scimSyncEnabled: true } }],
      provisioning: [
        ...connectProvisioning('Okta (SAML)'),
        { do: 'provisionUser', idp: 'Okta (SAML)', user: USER },
        { do: 'pushGroup', idp: 'Okta (SAML)', group: 'Engineering' },
        {
          do: 'waitForProvisioning',
          idp: 'Okta (SAML)',
          group: 'Engineering',
          state: 'provisioned',
        },
      ],
      policies: [
        {
          do: 'createAccessRule',
          app: OPS,
          scimGroup: { idp: 'Okta (SAML)', group: 'Engineering' },
        },
      ],
      signedIn: [{ user: USER, open: [`git.${d.acme}`] }],
    },
    incident: [{ do: 'patchIdp', idp: 'Okta (SAML)', set: { scimAttributesForPolicy: true } }],
    symptom: {
      service: 'on',
      auth: 'reauthRequired',
      connections: 1,
      // Not SCIM-ready: the SCIM criterion is skipped, so the AND rule is not evaluated.
      app: {
        app: OPS,
        port: 443,
        outcome: 'blocked',
        code: CODES.BRK_MT_SETUP_FAIL_NO_POLICY_FOUND,
      },
    },
    fixes: [
      {
        id: 'authenticate',
        title: 'The user clicks Authenticate',
        steps: [{ do: 'authenticate', user: USER }],
      },
    ],
    outcome: {
      service: 'on',
      auth: 'authenticated',
      app: { app: OPS, port: 443, outcome: 'allowed', code: CODES.OPEN_OR_ACTIVE_CONNECTION },
    },
  };
});
