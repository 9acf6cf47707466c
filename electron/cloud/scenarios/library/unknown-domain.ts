/**
 * A username whose domain no IdP configuration lists (42029, domain.md §1.4): here the users of
 * an acquired company live in the Okta directory, but the IdP configuration names only Acme's.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';

const USER = 'zoe@initech.example';

export default defineScenario((d) => ({
  id: 'unknown-domain',
  title: 'Unknown domain: sign-in refused with 42029',
  audience: ['support', 'end-user'],
  summary: `Zoe (initech.example, an acquired company) is in Acme's Okta, but the IdP configuration lists only ${d.acme}: the cloud cannot tell which IdP signs her in.`,
  user: USER,
  start: {
    directory: [
      {
        do: 'createUser',
        idp: 'Okta (SAML)',
        userName: USER,
        givenName: 'Zoe',
        familyName: 'Zimmer',
        department: 'Engineering',
        groups: ['ZPA Users'],
      },
    ],
  },
  incident: [{ do: 'signIn', user: USER }],
  symptom: { service: 'off', auth: 'unauthenticated', code: CODES.UNKNOWN_USER_DOMAIN },
  fixes: [
    {
      id: 'add-domain',
      title: "Add the domain to the IdP configuration's domains, then sign in again",
      steps: [
        {
          do: 'patchIdp',
          idp: 'Okta (SAML)',
          set: { domains: [`${d.acme}`, 'initech.example'] },
        },
        { do: 'signIn', user: USER },
      ],
    },
  ],
  outcome: { service: 'on', auth: 'authenticated' },
}));
