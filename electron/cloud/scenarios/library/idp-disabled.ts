/** An IdP whose SSO is disabled refuses every sign-in through it (42042, domain.md §1.4). */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';

export default defineScenario((d) => {
  const USER = `alice@${d.acme}`;
  return {
    id: 'idp-disabled',
    title: 'IdP disabled: sign-in refused with 42042',
    audience: ['support', 'end-user'],
    summary:
      "The Okta IdP configuration is disabled in the cloud. Alice's sign-in is refused with 42042 until an admin enables it again.",
    user: USER,
    start: { idps: [{ do: 'patchIdp', idp: 'Okta (SAML)', set: { enabled: false } }] },
    incident: [{ do: 'signIn', user: USER }],
    symptom: { service: 'off', auth: 'unauthenticated', code: CODES.IDP_DISABLED },
    fixes: [
      {
        id: 'enable-idp',
        title: 'Enable the IdP configuration, then sign in again',
        steps: [
          { do: 'patchIdp', idp: 'Okta (SAML)', set: { enabled: true } },
          { do: 'signIn', user: USER },
        ],
      },
    ],
    outcome: { service: 'on', auth: 'authenticated' },
  };
});
