/**
 * Enrollment and authentication codes the real client shows (domain.md §1.4). Many share the
 * generic text "Internal Error: Contact Administrator": the code is what tells them apart.
 */
import { SIGN_IN_LABEL } from '../state/buttons.js';
import type { ErrorCode } from './codes.js';
import type { Audience, ErrorEntry, ErrorUiState } from './types.js';

export const INTERNAL_TEXT = 'Internal Error: Contact Administrator';
const EXPORT_LOGS = 'Export logs and contact your administrator with this code.';
const SUPPORT = 'Export the logs and contact Zscaler Support with this code.';
/** A refused sign-in leaves the user on the Sign In page. */
const AGAIN = `Click ${SIGN_IN_LABEL} to try again.`;

/** A refused sign-in leaves (or returns) the user unauthenticated. */
const SIGN_IN_REFUSED: ErrorUiState = { auth: 'unauthenticated' };

interface ZccSpec {
  title: string;
  message: string;
  cause: string;
  adminAction: string;
  userAction?: string;
  audience?: Audience;
  uiState?: ErrorUiState | null;
}

const zcc = (code: ErrorCode, spec: ZccSpec): ErrorEntry => ({
  code,
  family: 'zcc',
  title: spec.title,
  message: spec.message,
  cause: spec.cause,
  userAction: spec.userAction ?? EXPORT_LOGS,
  adminAction: spec.adminAction,
  audience: spec.audience ?? 'admin',
  ...(spec.uiState === null ? {} : { uiState: spec.uiState ?? SIGN_IN_REFUSED }),
});

/** A generic-text code the admin cannot fix alone. */
const internal = (code: ErrorCode, title: string, cause: string, adminAction = SUPPORT) =>
  zcc(code, { title, message: INTERNAL_TEXT, cause, adminAction, audience: 'support' });

export const ZCC_CODES: ErrorEntry[] = [
  // --- sign-in flow (§1.4 table)
  zcc('2008', {
    title: 'Sign-in expired',
    message: 'Authentication failed due to an invalid redirection URL.',
    cause: 'The sign-in took too long to finish, or its answer did not belong to this sign-in.',
    adminAction: 'None needed.',
    userAction: AGAIN,
    audience: 'user',
  }),
  zcc('1005', {
    title: 'Identity provider authentication failed',
    message: 'IdP authentication failed (invalid response).',
    cause:
      'The identity provider response failed verification (SAML response, or OIDC ID token issuer, audience, signature, expiry or nonce).',
    adminAction: 'Verify the IdP configuration (certificates, client ID, issuer, clock).',
    userAction: AGAIN,
  }),
  zcc('42000', {
    title: 'Inconsistent user credentials',
    message: 'Inconsistency in user credentials. Log out and retry.',
    cause:
      'Reauthentication with a different username, or the IdP NameID differs from the enrollment username.',
    adminAction: 'Make the IdP NameID match the enrollment username.',
    userAction: 'Authenticate with your original username, or log out and enroll again.',
    audience: 'user',
  }),
  zcc('42001', {
    title: 'Username has no domain',
    message: INTERNAL_TEXT,
    cause: 'The username was entered without a domain.',
    adminAction: 'Allow domain-less usernames, or tell users to sign in as user@domain.',
    userAction: 'Enter your username as user@domain.',
    audience: 'user',
  }),
  zcc('42002', {
    title: 'Private Access not configured',
    message: 'Zscaler Private Access is not configured for your company.',
    cause: 'No usable identity provider is configured for user sign-in.',
    adminAction: 'Configure and enable a user-SSO IdP for this domain.',
  }),
  internal(
    '42004',
    'Enrollment information missing',
    'The client sent incomplete enrollment information.',
    'Check the SSO configuration; contact Zscaler Support if it persists.',
  ),
  internal(
    '42005',
    'Enrollment information unreadable',
    'The client sent enrollment information the cloud could not interpret.',
    'Check the SSO configuration; contact Zscaler Support if it persists.',
  ),
  zcc('42006', {
    title: 'SAML response validation failed',
    message: INTERNAL_TEXT,
    cause:
      'SAML response validation failed (clock, expired IdP certificate, signature, or entity ID lookup).',
    adminAction: 'Verify the IdP SSO configuration.',
  }),
  zcc('42007', {
    title: 'Certificate signing failed',
    message: INTERNAL_TEXT,
    cause: 'The certificate signing request failed during enrollment.',
    adminAction: 'Check the enrollment signing certificate.',
  }),
  internal('42010', 'Expected information missing', 'Information the cloud expected was missing.'),
  zcc('42013', {
    title: 'Not a SAML response',
    message: 'Not a SAML response object.',
    cause: 'The IdP sent something other than a SAML Response.',
    adminAction: 'Fix the IdP configuration.',
  }),
  zcc('42014', {
    title: 'SAML response unsuccessful',
    message: 'SAML response status unsuccessful.',
    cause: 'The IdP returned a failure status.',
    adminAction: 'Check the user in the IdP (active, assigned to the application).',
  }),
  zcc('42015', {
    title: 'SAML signature not valid',
    message: 'Failed to validate SAML signature.',
    cause:
      'The IdP certificate in the cloud is wrong or expired, or the signature does not cover the assertion used.',
    adminAction: "Upload the IdP's current signing certificate.",
  }),
  zcc('42016', {
    title: 'SAML response time out of range',
    message: 'SAML response issue time is too old or in the future.',
    cause: 'Clock skew over 120 seconds between the IdP and the cloud.',
    adminAction: 'Fix the clocks.',
  }),
  zcc('42017', {
    title: 'IdP-initiated sign-in not supported',
    message: 'IdP-originated SSO is not supported.',
    cause: 'The IdP started the sign-in (IdP-initiated); only SP-initiated SAML is supported.',
    adminAction: 'Use SP-initiated sign-in only.',
    userAction: 'Start the sign-in from the Client Connector.',
    audience: 'user',
  }),
  zcc('42018', {
    title: 'No matching SAML request',
    message: 'Cannot find matching SAML request.',
    cause: 'The response answers a request the cloud does not know (expired or already used).',
    adminAction: 'Contact support if it persists.',
    userAction: AGAIN,
    audience: 'user',
  }),
  zcc('42019', {
    title: 'SAML destination mismatch',
    message: 'SAML response destination does not match the endpoints.',
    cause: 'The ACS URL configured in the IdP is wrong.',
    adminAction: 'Fix the SP (ACS) configuration in the IdP.',
  }),
  zcc('42020', {
    title: 'SAML issuer not valid',
    message: 'Failed to validate issuer.',
    cause: 'The IdP entity ID does not match (case-sensitive).',
    adminAction: 'Fix the IdP entity ID.',
  }),
  zcc('42021', {
    title: 'SAML assertion conditions failed',
    message: 'SAML assertion too old, or its NotBefore / NotOnOrAfter conditions failed.',
    cause: 'Assertion time window or unsupported conditions (wrong audience or recipient).',
    adminAction: 'Fix the assertion times, audience and recipient.',
  }),
  zcc('42022', {
    title: 'SAML NameID missing',
    message: 'SAML response is missing the NameID.',
    cause: 'No usable NameID in the subject.',
    adminAction: 'Send the username as NameID.',
  }),
  zcc('42023', {
    title: 'Client Connector CA certificate expired',
    message: INTERNAL_TEXT,
    cause: "The tenant's Client Connector signing CA certificate expired.",
    adminAction: 'Provision a valid CA certificate.',
  }),
  zcc('42024', {
    title: 'Client Connector CA certificate missing',
    message: INTERNAL_TEXT,
    cause: "The tenant's Client Connector signing CA certificate is missing.",
    adminAction: 'Provision a valid CA certificate.',
  }),
  zcc('42025', {
    title: 'Client Connector CA private key missing',
    message: INTERNAL_TEXT,
    cause: "The private key of the tenant's signing CA is missing.",
    adminAction: 'Provision a valid CA certificate with its key.',
  }),
  internal('42026', 'No valid certificate', 'The cloud could not issue a device certificate.'),
  zcc('42027', {
    title: 'User limit reached',
    message: INTERNAL_TEXT,
    cause: 'The organisation reached its maximum number of users.',
    adminAction: 'Review the subscription.',
  }),
  internal(
    '42028',
    'Unexpected enrollment information',
    'Unexpected or missing information while enrolling or unenrolling.',
  ),
  zcc('42029', {
    title: 'Unknown user domain',
    message: 'Unable to identify the user by domain.',
    cause: "The username domain is not one of the organisation's.",
    adminAction: 'Add the domain to an IdP configuration.',
    userAction: 'Check the domain of your username.',
    audience: 'user',
  }),
  internal('42030', 'Organisation not found', 'The cloud could not look up the organisation.'),
  internal('42031', 'Enrollment not authorized', 'The cloud could not authorize the enrollment.'),
  zcc('42032', {
    title: 'OneTimeUse not supported',
    message: 'OneTimeUse condition is not supported.',
    cause: 'The IdP adds a OneTimeUse condition to the assertion.',
    adminAction: 'Remove the condition in the IdP.',
  }),
  zcc('42033', {
    title: 'SAML response not validated (admin SSO)',
    message: 'SP could not validate the SAML response.',
    cause: 'The IdP configured for admin SSO is not usable.',
    adminAction: 'Verify the IdP configuration.',
  }),
  zcc('42034', {
    title: 'SAML response not validated (user SSO)',
    message: 'SP could not validate the SAML response.',
    cause: 'The IdP configured for user SSO is not usable.',
    adminAction: 'Verify the IdP configuration.',
  }),
  zcc('42035', {
    title: 'Domain mismatch',
    message: INTERNAL_TEXT,
    cause: "The username domain does not match the organisation's domains.",
    adminAction: 'Fix the domains of the IdP configuration.',
  }),
  zcc('42036', {
    title: 'IdP configuration not verified',
    message: INTERNAL_TEXT,
    cause: 'The IdP configuration for this entity ID could not be verified.',
    adminAction: 'Review the IdP configuration (entity ID).',
  }),
  zcc('42037', {
    title: 'IdP not enabled for admin SSO',
    message: INTERNAL_TEXT,
    cause: 'The IdP is not enabled for admin SSO.',
    adminAction: 'Enable the IdP for admin SSO.',
  }),
  internal('42038', 'Object store insert failed', 'An internal store write failed.'),
  zcc('42039', {
    title: 'SP configuration not verified',
    message: INTERNAL_TEXT,
    cause: 'The SP configuration for this domain could not be verified.',
    adminAction: 'Fix the SP configuration.',
  }),
  internal('42040', 'Encryption failed', 'The cloud failed to encrypt enrollment data.'),
  zcc('42042', {
    title: 'IdP disabled',
    message: 'The configured IdP is disabled for SSO.',
    cause: 'The IdP configuration is disabled.',
    adminAction: 'Enable the IdP configuration.',
  }),
  zcc('42043', {
    title: 'IdP configuration incomplete',
    message: 'IdP configuration incomplete.',
    cause: 'The IdP configuration is missing settings.',
    adminAction: 'Complete the IdP configuration.',
  }),
  zcc('42044', {
    title: 'SSO type mismatch',
    message: INTERNAL_TEXT,
    cause: 'The SSO type or usage of the IdP does not match the request.',
    adminAction: 'Fix the IdP SSO type (user / admin).',
  }),
  zcc('42045', {
    title: 'SAML assertion too large',
    message: 'SAML assertion input too large.',
    cause: 'The response is larger than the cloud accepts (for example many group values).',
    adminAction: 'Trim the assertion (fewer group values).',
  }),
  zcc('42046', {
    title: 'IdP certificates expired',
    message: 'All IdP signing certificates have expired.',
    cause: 'Every IdP signing certificate configured in the cloud has expired.',
    adminAction: 'Upload a valid IdP certificate.',
  }),
  zcc('42047', {
    title: 'SAML request signing certificate expired',
    message: INTERNAL_TEXT,
    cause: 'The SP certificate that signs SAML requests expired.',
    adminAction: 'Change the SAML request signing certificate.',
  }),
  zcc('42048', {
    title: 'SAML request signing certificate invalid',
    message: INTERNAL_TEXT,
    cause: 'The SP certificate that signs SAML requests is invalid.',
    adminAction: 'Change the SAML request signing certificate.',
  }),

  // --- cloud / portal codes (§1.4 "Related cloud/portal codes")
  zcc('3049', {
    title: 'Registration with Private Access failed',
    message: 'Failed to register with ZPA.',
    cause: 'Device registration failed; a 42xxx code follows with the reason.',
    adminAction: 'Look up the 42xxx code that follows.',
  }),
  zcc('3050', {
    title: 'Deregistration from Private Access failed',
    message: 'Failed to deregister with ZPA.',
    cause: 'The cloud could not deregister the device.',
    adminAction: 'Check the device in the admin portal; contact support if it persists.',
    uiState: null,
  }),
  zcc('3068', {
    title: 'Service disabled',
    message: 'Service is disabled.',
    cause: 'Private Access is disabled for this user (entitlement).',
    adminAction: "Entitle the user's group to Private Access.",
    userAction: 'Contact your administrator to get access to Private Access.',
    uiState: null,
  }),
  zcc('3071', {
    title: 'Enrollment busy',
    message: 'Unable to enroll at this time. It will automatically retry in 12 seconds.',
    cause: 'The portal is under load (dynamic back-off).',
    adminAction: 'None needed.',
    userAction: 'Wait: the client retries by itself.',
    audience: 'user',
  }),
  zcc('3102', {
    title: 'Device quarantined',
    message: 'Your device is quarantined.',
    cause: 'An admin quarantined the device; it cannot enroll again.',
    adminAction: 'Unquarantine the device in the admin portal if that was not intended.',
    userAction: 'Contact your administrator.',
  }),
  zcc('10101', {
    title: 'Service discovery failed',
    message: 'Failed to discover service for user.',
    cause: 'The cloud could not find the service configuration for this user.',
    adminAction: "Check the user's domain and entitlement.",
  }),
  zcc('10108', {
    title: 'Enrollment failed',
    message: 'Failed to Enroll Device.',
    cause: 'The device enrollment failed.',
    adminAction: 'Check the enrollment settings; contact support if it persists.',
  }),
  zcc('21', {
    title: 'Too many devices',
    message: 'You have more than 16 devices registered.',
    cause: 'A username can have at most 16 enrolled devices.',
    adminAction: 'Remove unused devices of this user in the admin portal.',
    userAction: 'Ask your administrator to remove devices you no longer use.',
  }),
  zcc('-7', {
    title: 'Network not available',
    message: 'Services are down because the network is disconnected.',
    cause: 'The device has no network connection.',
    adminAction: 'None needed.',
    userAction: 'Connect to a network, then click Retry.',
    audience: 'user',
    uiState: { service: 'Network Error', autoRetry: true },
  }),
  zcc('-8', {
    title: 'Network connection failed',
    message: 'Network connection failed.',
    cause: 'The cloud or the identity provider could not be reached (firewall, proxy, outage).',
    adminAction: 'Check that the device can reach the cloud and the IdP (firewall, proxy).',
    userAction: 'Check your network, then click Retry.',
    audience: 'user',
    uiState: { service: 'Connection Error', autoRetry: true },
  }),
  zcc('-13', {
    title: 'DNS resolution failed',
    message: 'DNS resolution failed.',
    cause: 'The name of the cloud or the identity provider could not be resolved.',
    adminAction: 'Check DNS for the cloud and IdP host names.',
    userAction: 'Check your network, then click Retry.',
    audience: 'user',
    uiState: { service: 'Connection Error', autoRetry: true },
  }),
];
