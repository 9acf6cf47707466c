/**
 * Changing the IdP, different NameID (ZPA IdP configuration best practices, domain.md §7): the
 * new IdP asserts another identifier for each user (here bob.brown@ instead of bob@), so the signed-in identity no longer exists for the cloud. Signed-in users get an
 * Authentication Error with no reauth prompt: they must log out and sign in again.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';

export default defineScenario((d) => {
  const USER = `bob@${d.acme}`;
  return {
    id: 'idp-change-new-nameid',
    title: 'IdP changed, different NameID: Authentication Error, log out and sign in',
    audience: ['support', 'trainer', 'end-user'],
    summary: `Acme moves the Okta configuration to a new IdP that sends first.last addresses as NameID (bob.brown@${d.acme} instead of bob@${d.acme}). Bob, signed in, gets an Authentication Error without a reauth prompt; only logging out and signing in again helps.`,
    user: USER,
    start: { signedIn: [{ user: USER, open: [] }] },
    incident: [{ do: 'replaceIdp', idp: 'Okta (SAML)', nameId: 'different' }],
    // Still signed in (no Authenticate prompt), the tunnel refused.
    symptom: { service: 'error', auth: 'authenticated', code: CODES.IDP_NAMEID_CHANGED },
    fixes: [
      {
        id: 'sign-out-and-in',
        title: 'The user logs out of the Client Connector and signs in again as the new NameID',
        steps: [
          { do: 'signOut', user: USER },
          { do: 'signIn', user: USER, as: `bob.brown@${d.acme}` },
        ],
      },
    ],
    outcome: { service: 'on', auth: 'authenticated' },
  };
});
