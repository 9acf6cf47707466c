/**
 * The IdP's signing certificate changes (domain.md §2.6, §1.3): signed-in users get an
 * Authentication Error until they authenticate again.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';

export default defineScenario((d) => {
  const USER = `bob@${d.acme}`;
  return {
    id: 'idp-certificate-rotation',
    title: 'IdP certificate rotated: Authentication Error until reauthentication',
    audience: ['support', 'trainer'],
    summary:
      "The Okta admin rotates the IdP's signing certificate. Bob, signed in, gets an Authentication Error and must authenticate again.",
    user: USER,
    start: { signedIn: [{ user: USER, open: [] }] },
    incident: [{ do: 'rotateCertificate', idp: 'Okta (SAML)' }],
    symptom: {
      service: 'error',
      auth: 'reauthRequired',
      code: CODES.IDP_CERTIFICATE_ROTATED,
    },
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
