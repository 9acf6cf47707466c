/**
 * The timeout policy's Authentication Timeout expires (domain.md §2.3): evaluated at the next
 * app access, only the Authentication Status changes (Service Status is not affected), and
 * the app is refused with BRK_MT_SETUP_FAIL_SAML_EXPIRED until the user authenticates.
 */
import { CODES } from '../../../../shared/errors/codes.js';
import { defineScenario } from '../schema.js';

export default defineScenario((d) => {
  const USER = `alice@${d.acme}`;
  const GIT = `git.${d.acme}`;
  return {
    id: 'timeout-expiry',
    title: 'Timeout policy: reauthentication after 8 hours',
    audience: ['trainer', 'end-user', 'support'],
    summary:
      'Engineering apps need a new authentication every 8 hours. Alice signed in 8 hours ago: she is still On, but git is refused until she authenticates.',
    user: USER,
    start: { signedIn: [{ user: USER, open: [GIT] }] },
    incident: [{ do: 'advanceClock', by: { hours: 8, minutes: 1 } }],
    symptom: {
      service: 'on',
      auth: 'reauthRequired',
      app: {
        app: GIT,
        port: 443,
        outcome: 'reauth_required',
        code: CODES.BRK_MT_SETUP_FAIL_SAML_EXPIRED,
      },
    },
    fixes: [
      {
        id: 'authenticate',
        title: 'The user clicks Authenticate',
        steps: [{ do: 'authenticate', user: USER }],
      },
    ],
    outcome: {
      service: 'on',
      auth: 'authenticated',
      app: { app: GIT, port: 443, outcome: 'allowed' },
    },
  };
});
