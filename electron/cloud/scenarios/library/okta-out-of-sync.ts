/**
 * The Okta sync connection error (domain.md §1.8): users assigned to the ZPA app in Okta before
 * provisioning was enabled are never pushed, so with SCIM Sync on the cloud does not know them
 * and the client shows Connection Error (BRK_MT_SETUP_FAIL_SCIM_INACTIVE, not synced).
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';
import { connectProvisioning } from './steps.js';

export default defineScenario((d) => {
  const USER = `alice@${d.acme}`;
  return {
    id: 'okta-out-of-sync',
    title: 'Okta: users assigned before provisioning get a Connection Error',
    audience: ['support', 'trainer'],
    summary:
      'Every Acme user was assigned to the app (group "ZPA Users") before SCIM provisioning was set up. Okta does not push them, so with SCIM Sync on the cloud blocks them.',
    user: USER,
    start: {
      idps: [{ do: 'patchIdp', idp: 'Okta (SAML)', set: { scimSyncEnabled: true } }],
      provisioning: [
        ...connectProvisioning('Okta (SAML)'),
        { do: 'waitForProvisioning', idp: 'Okta (SAML)', user: USER, state: 'out_of_sync' },
      ],
    },
    incident: [{ do: 'signIn', user: USER }],
    symptom: {
      service: 'error',
      auth: 'authenticated',
      code: CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
      reason: 'not_synced',
    },
    fixes: [
      {
        id: 'out-of-sync-flag',
        title: 'PROVISION_OUT_OF_SYNC_USERS, then unassign and reassign the group (Zscaler)',
        steps: [
          {
            do: 'configureProvisioning',
            idp: 'Okta (SAML)',
            vendorOptions: { provisionOutOfSyncUsers: true },
            title: 'At the IdP okta: Okta support sets the org flag PROVISION_OUT_OF_SYNC_USERS',
          },
          { do: 'unassign', idp: 'Okta (SAML)', group: 'ZPA Users' },
          { do: 'assign', idp: 'Okta (SAML)', groups: ['ZPA Users'] },
          { do: 'waitForProvisioning', idp: 'Okta (SAML)', user: USER, state: 'provisioned' },
          { do: 'expectScimUser', idp: 'Okta (SAML)', user: USER, active: true },
          { do: 'retry', user: USER },
        ],
      },
      {
        id: 'provision-user',
        title: 'Provision User on the flagged user (Okta)',
        steps: [
          { do: 'provisionUser', idp: 'Okta (SAML)', user: USER },
          { do: 'expectScimUser', idp: 'Okta (SAML)', user: USER, active: true },
          { do: 'retry', user: USER },
        ],
      },
    ],
    // Connection Error's remedy is the user's Retry (domain.md §3): the real client does not
    // reconnect because the cloud changed, so each fix ends with it.
    outcome: { service: 'on', auth: 'authenticated' },
  };
});
