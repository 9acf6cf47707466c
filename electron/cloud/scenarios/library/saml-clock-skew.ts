/**
 * The IdP's clock is off by more than the 120 s the cloud allows (domain.md §1.4): its SAML
 * response is issued "in the future", and the ACS refuses it with 42016.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';

export default defineScenario((d) => {
  const USER = `alice@${d.acme}`;
  return {
    id: 'saml-clock-skew',
    title: 'SAML clock skew: the assertion is outside the time window (42016)',
    audience: ['support'],
    summary:
      "The Okta host's clock runs 10 minutes ahead: its SAML response is issued outside the cloud's ±120 s window and the sign-in is refused with 42016.",
    user: USER,
    start: { idps: [{ do: 'setIdpClockSkew', idp: 'Okta (SAML)', seconds: 600 }] },
    incident: [{ do: 'signIn', user: USER }],
    symptom: { service: 'off', auth: 'unauthenticated', code: CODES.SAML_TIME_OUT_OF_RANGE },
    fixes: [
      {
        id: 'fix-clock',
        title: "Set the IdP host's clock right (NTP), then sign in again",
        steps: [
          { do: 'setIdpClockSkew', idp: 'Okta (SAML)', seconds: 0 },
          { do: 'signIn', user: USER },
        ],
      },
    ],
    outcome: { service: 'on', auth: 'authenticated' },
  };
});
