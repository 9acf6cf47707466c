/**
 * Enrollment and authentication error codes as the real client shows them
 * (shared/docs/domain.md §1.4). Many share the generic text "Internal Error: Contact
 * Administrator": the code is what tells them apart.
 */
export interface AuthCodeEntry {
  code: string;
  /** What the client shows. */
  message: string;
  cause: string;
  /** What the user can do. */
  userAction: string;
  /** What to tell the admin. */
  adminAction: string;
}

const INTERNAL = 'Internal Error: Contact Administrator';

const entry = (
  code: string,
  message: string,
  cause: string,
  adminAction: string,
  userAction = 'Export logs and contact your administrator with this code.',
): AuthCodeEntry => ({ code, message, cause, userAction, adminAction });

export const AUTH_CODES: Record<string, AuthCodeEntry> = Object.fromEntries(
  [
    entry(
      '2008',
      'Authentication failed due to an invalid redirection URL.',
      'The sign-in took too long to finish.',
      'None needed.',
      'Authenticate again.',
    ),
    entry(
      '42000',
      'Inconsistency in user credentials. Log out and retry.',
      'Reauthentication with a different username, or the IdP NameID differs from the enrollment username.',
      'Make the IdP NameID match the enrollment username.',
      'Use your original username, or log out and enroll again.',
    ),
    entry(
      '42001',
      INTERNAL,
      'The username has no domain.',
      'Allow domain-less usernames, or tell users to sign in as user@domain.',
      'Enter your username as user@domain.',
    ),
    entry(
      '42002',
      'Zscaler Private Access is not configured for your company.',
      'No usable IdP is configured for user sign-in.',
      'Configure and enable a user-SSO IdP for this domain.',
    ),
    entry(
      '42006',
      INTERNAL,
      'SAML response validation failed (clock, expired IdP certificate, signature or entity ID lookup).',
      'Verify the IdP SSO configuration.',
    ),
    entry(
      '42013',
      'Not a SAML response object.',
      'The IdP sent something other than a SAML Response.',
      'Fix the IdP configuration.',
    ),
    entry(
      '42014',
      'SAML response status unsuccessful.',
      'The IdP returned a failure status.',
      'Check the user in the IdP.',
    ),
    entry(
      '42015',
      'Failed to validate SAML signature.',
      'The IdP certificate in the cloud is wrong or expired, or the signature does not cover the assertion used.',
      "Upload the IdP's current signing certificate.",
    ),
    entry(
      '42016',
      'SAML response issue time is too old or in the future.',
      'Clock skew over 120 seconds between the IdP and the cloud.',
      'Fix the clocks.',
    ),
    entry(
      '42017',
      'IdP-originated SSO is not supported.',
      'The IdP started the sign-in (IdP-initiated).',
      'Use SP-initiated sign-in only.',
      'Start the sign-in from the Client Connector.',
    ),
    entry(
      '42018',
      'Cannot find matching SAML request.',
      'The response answers a request the cloud does not know (expired or already used).',
      'Contact support if it persists.',
      'Authenticate again.',
    ),
    entry(
      '42019',
      'SAML response destination does not match the endpoints.',
      'The ACS URL configured in the IdP is wrong.',
      'Fix the SP (ACS) configuration in the IdP.',
    ),
    entry(
      '42020',
      'Failed to validate issuer.',
      'The IdP entity ID does not match (case-sensitive).',
      'Fix the IdP entity ID.',
    ),
    entry(
      '42021',
      'SAML assertion too old, or its NotBefore / NotOnOrAfter conditions failed.',
      'Assertion time window or unsupported conditions (wrong audience or recipient).',
      'Fix the assertion times, audience and recipient.',
    ),
    entry(
      '42022',
      'SAML response is missing the NameID.',
      'No usable NameID in the subject.',
      'Send the username as NameID.',
    ),
    entry(
      '42029',
      'Unable to identify the user by domain.',
      "The username domain is not one of the organisation's.",
      'Add the domain to an IdP configuration.',
      'Check the domain of your username.',
    ),
    entry(
      '42032',
      'OneTimeUse condition is not supported.',
      'The IdP adds a OneTimeUse condition.',
      'Remove the condition in the IdP.',
    ),
    entry(
      '42033',
      'SP could not validate the SAML response.',
      'The IdP for SSO is not usable.',
      'Verify the IdP configuration.',
    ),
    entry(
      '42042',
      'The configured IdP is disabled for SSO.',
      'The IdP configuration is disabled.',
      'Enable the IdP configuration.',
    ),
    entry(
      '42043',
      'IdP configuration incomplete.',
      'The IdP configuration is missing settings.',
      'Complete the IdP configuration.',
    ),
    entry(
      '42045',
      'SAML assertion input too large.',
      'The response is larger than the cloud accepts.',
      'Trim the assertion (fewer group values).',
    ),
    entry(
      '42046',
      'All IdP signing certificates have expired.',
      'Expired IdP certificates.',
      'Upload a valid IdP certificate.',
    ),
    entry(
      '1005',
      'IdP authentication failed (invalid response).',
      'The OIDC ID token failed verification (issuer, audience, signature, expiry or nonce).',
      'Verify the OIDC IdP configuration.',
      'Authenticate again.',
    ),
  ].map((e) => [e.code, e]),
);
