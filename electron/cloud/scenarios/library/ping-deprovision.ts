/**
 * PingFederate deprovisions a user who leaves the connector's scope (domain.md §3.3): at its
 * next poll (every minute) Remove User Action = Disable sends active=false, and the cloud ends
 * the user's session at once (ZPN_ERR_SCIM_INACTIVE; its app connections close with
 * MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE).
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';
import { connectProvisioning } from './steps.js';

const IDP = 'Umbrella PingFederate';
const USER = 'paul@umbrella.example';

export default defineScenario(() => ({
  id: 'ping-deprovision',
  title: 'PingFederate: a user removed from scope is disabled at the next poll',
  audience: ['support', 'trainer'],
  summary:
    "Paul is connected when he is removed from the PingFederate connector's scope. At the next one-minute poll Ping disables him in the cloud, which ends his access at once.",
  user: USER,
  start: {
    idps: [
      {
        do: 'createIdp',
        name: IDP,
        protocol: 'saml',
        vendor: 'ping',
        domains: ['umbrella.example'],
      },
      { do: 'patchIdp', idp: IDP, set: { scimSyncEnabled: true } },
    ],
    directory: [
      { do: 'createUser', idp: IDP, userName: USER, givenName: 'Paul', familyName: 'Park' },
      { do: 'assign', idp: IDP, users: [USER] },
    ],
    provisioning: [
      ...connectProvisioning(IDP),
      { do: 'waitForProvisioning', idp: IDP, user: USER, state: 'provisioned' },
    ],
    signedIn: [{ user: USER, open: [] }],
  },
  incident: [
    { do: 'unassign', idp: IDP, user: USER },
    { do: 'advanceClock', by: { minutes: 1 } },
  ],
  symptom: {
    service: 'error',
    auth: 'authenticated',
    code: CODES.ZPN_ERR_SCIM_INACTIVE,
  },
  fixes: [
    {
      id: 'reassign',
      title: 'Put the user back in scope (if removing them was a mistake); Ping enables them',
      steps: [
        { do: 'assign', idp: IDP, users: [USER] },
        { do: 'advanceClock', by: { minutes: 1 } },
        { do: 'expectScimUser', idp: IDP, user: USER, active: true },
        // Connection Error's remedy is the user's Retry (domain.md §3): the real client does not
        // reconnect because the cloud changed.
        { do: 'retry', user: USER },
      ],
    },
  ],
  outcome: { service: 'on', auth: 'authenticated' },
}));
