/**
 * Entra ID puts a provisioning job in quarantine when most of its calls fail, here because the
 * Secret Token it was given is not one the cloud issued (domain.md §3.2): it stops pushing
 * (cycles once a day), so an assigned user is never created in the cloud and gets a
 * Connection Error. The fix: the right token, then Restart provisioning (clears quarantine).
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';
import { connectProvisioning } from './steps.js';

const IDP = 'Contoso Entra ID';
const USER = 'nina@contoso.example';

export default defineScenario(() => ({
  id: 'entra-quarantine',
  title: 'Entra ID: provisioning in quarantine after repeated failures',
  audience: ['support'],
  summary:
    "Contoso's Entra ID was given a wrong Secret Token: every call gets 401, the job goes into quarantine and stops pushing, so Nina is not in the cloud's SCIM database.",
  user: USER,
  start: {
    idps: [
      {
        do: 'createIdp',
        name: IDP,
        protocol: 'saml',
        vendor: 'entra',
        domains: ['contoso.example'],
      },
      { do: 'patchIdp', idp: IDP, set: { scimSyncEnabled: true } },
    ],
    directory: [
      { do: 'createUser', idp: IDP, userName: USER, givenName: 'Nina', familyName: 'Novak' },
      { do: 'assign', idp: IDP, users: [USER] },
    ],
    provisioning: [
      ...connectProvisioning(IDP, { token: 'wrong' }),
      { do: 'waitForProvisioning', idp: IDP, quarantined: true },
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
      id: 'restart-provisioning',
      title: 'Paste the right Secret Token, then Restart provisioning',
      steps: [
        { do: 'configureProvisioning', idp: IDP, token: 'latest' },
        { do: 'restartProvisioning', idp: IDP },
        { do: 'waitForProvisioning', idp: IDP, quarantined: false },
        { do: 'waitForProvisioning', idp: IDP, user: USER, state: 'provisioned' },
        // Connection Error's remedy is the user's Retry (domain.md §3): the real client does not
        // reconnect because the cloud changed.
        { do: 'retry', user: USER },
      ],
    },
  ],
  outcome: { service: 'on', auth: 'authenticated' },
}));
