/**
 * reauthOnUserUpdate (the ZPA IdP API flag; our reading, domain.md §7): the Okta admin changes a
 * signed-in user's department, Okta pushes the profile update through SCIM, and since the IdP
 * configuration asks for it the cloud asks the user to authenticate again, so that the session
 * carries the new attributes. The tunnel stays up; only the authentication axis changes.
 */
import { defineScenario } from '../schema.js';
import { connectProvisioning } from './steps.js';

const IDP = 'Okta (SAML)';

export default defineScenario((d) => {
  const USER = `alice@${d.acme}`;
  return {
    id: 'scim-user-updated-reauth',
    title: 'Reauthenticate on user update: a SCIM profile change asks the user to sign in again',
    audience: ['support', 'trainer'],
    summary:
      'The Okta IdP configuration has reauthOnUserUpdate on. The Okta admin moves Alice to Research; Okta pushes the change and her client asks her to authenticate again.',
    user: USER,
    start: {
      idps: [
        { do: 'patchIdp', idp: IDP, set: { scimSyncEnabled: true, reauthOnUserUpdate: true } },
      ],
      provisioning: [...connectProvisioning(IDP), { do: 'provisionUser', idp: IDP, user: USER }],
      signedIn: [{ user: USER, open: [] }],
    },
    incident: [{ do: 'updateUser', idp: IDP, user: USER, department: 'Research' }],
    symptom: { service: 'on', auth: 'reauthRequired', reauthReason: 'user_updated' },
    fixes: [
      {
        id: 'authenticate',
        title: 'The user clicks Authenticate',
        steps: [{ do: 'authenticate', user: USER }],
      },
    ],
    outcome: { service: 'on', auth: 'authenticated' },
  };
});
