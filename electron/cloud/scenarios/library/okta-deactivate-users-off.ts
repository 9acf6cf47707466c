/**
 * Okta's To App switch Deactivate Users is off (domain.md §3.1, §7): unassigning a user from the
 * ZPA app sends nothing to the cloud, so her SCIM user stays active and she keeps access (a common
 * real support cause). Okta also forgets the user, and re-enabling the switch sends nothing for
 * unassignments made before (no public Okta text says it does): the admin turns the switch on,
 * assigns her again (Okta links her by userName) and unassigns her, which now deactivates her.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';
import { connectProvisioning } from './steps.js';

const IDP = 'Okta (SAML)';

export default defineScenario((d) => {
  const USER = `alice@${d.acme}`;
  return {
    id: 'okta-deactivate-users-off',
    title: 'Okta "Deactivate Users" off: an unassigned user keeps access',
    audience: ['support', 'trainer'],
    summary:
      'Okta provisions the ZPA app with the To App switch "Deactivate Users" off. The admin unassigns Alice; Okta sends nothing, her SCIM user stays active and her client stays On.',
    user: USER,
    start: {
      idps: [{ do: 'patchIdp', idp: IDP, set: { scimSyncEnabled: true } }],
      provisioning: [
        ...connectProvisioning(IDP, { vendorOptions: { toApp: { deactivateUsers: false } } }),
        { do: 'provisionUser', idp: IDP, user: USER },
        // Alice is assigned on her own, so that unassigning her is one user's change.
        { do: 'assign', idp: IDP, users: [USER] },
        { do: 'unassign', idp: IDP, group: 'ZPA Users' },
        { do: 'expectScimUser', idp: IDP, user: USER, active: true },
      ],
      signedIn: [{ user: USER, open: [] }],
    },
    incident: [
      { do: 'unassign', idp: IDP, user: USER },
      { do: 'waitForProvisioning', idp: IDP, user: USER, state: 'absent' },
      { do: 'expectScimUser', idp: IDP, user: USER, active: true },
    ],
    // Nothing happened in the cloud: she is still On.
    symptom: { service: 'on', auth: 'authenticated' },
    fixes: [
      {
        id: 'deactivate-users-on',
        title: 'Turn Deactivate Users on, then assign Alice again and unassign her',
        steps: [
          {
            do: 'configureProvisioning',
            idp: IDP,
            vendorOptions: { toApp: { deactivateUsers: true } },
          },
          { do: 'expectScimUser', idp: IDP, user: USER, active: true },
          { do: 'assign', idp: IDP, users: [USER] },
          { do: 'waitForProvisioning', idp: IDP, user: USER, state: 'provisioned' },
          { do: 'unassign', idp: IDP, user: USER },
          { do: 'waitForProvisioning', idp: IDP, user: USER, state: 'deprovisioned' },
          { do: 'expectScimUser', idp: IDP, user: USER, active: false },
        ],
      },
    ],
    // Deactivated via SCIM: her connections close and her client shows Connection Error.
    outcome: {
      service: 'error',
      auth: 'authenticated',
      code: CODES.ZPN_ERR_SCIM_INACTIVE,
    },
  };
});
