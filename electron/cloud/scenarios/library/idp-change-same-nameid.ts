/**
 * Changing the IdP, same NameID (ZPA IdP configuration best practices, domain.md §7): the new
 * IdP's certificate refuses the signed-in users' old authentication, so they get an
 * Authentication Error with a reauth prompt; authenticating through the new IdP brings the same
 * user back.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';

export default defineScenario((d) => {
  const USER = `bob@${d.acme}`;
  return {
    id: 'idp-change-same-nameid',
    title: 'IdP changed, same NameID: Authentication Error with a reauth prompt',
    audience: ['support', 'trainer'],
    summary:
      'Acme moves the Okta configuration to a new IdP that sends the same NameID (the email address). Bob, signed in, gets an Authentication Error and is asked to authenticate again.',
    user: USER,
    start: { signedIn: [{ user: USER, open: [] }] },
    incident: [{ do: 'replaceIdp', idp: 'Okta (SAML)', nameId: 'same' }],
    symptom: { service: 'error', auth: 'reauthRequired', code: CODES.IDP_CERTIFICATE_ROTATED },
    fixes: [
      {
        id: 'authenticate',
        title: 'The user clicks Authenticate (the new IdP signs them in as the same user)',
        steps: [{ do: 'authenticate', user: USER }],
      },
    ],
    outcome: { service: 'on', auth: 'authenticated' },
  };
});
