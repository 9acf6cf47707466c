/**
 * Server-side session status codes (domain.md §1.5): what support sees in diagnostics, and what
 * the client turns into a state or a message when the cloud ends a connection or refuses an app.
 */
import { CODES, type ErrorCode } from './codes.js';
import type { Audience, ErrorEntry, ErrorUiState, StatusClass } from './types.js';

interface SessionSpec {
  displayName: string;
  statusClass: StatusClass;
  title: string;
  message: string;
  cause: string;
  userAction: string;
  adminAction: string;
  audience?: Audience;
  uiState?: ErrorUiState;
}

/** ZPA names per-app connection-setup failures `<component>_MT_SETUP_…` (MT: microtunnel). */
const CONNECTION_SETUP = /^(BRK|AST)_MT_SETUP_/;

const session = (code: ErrorCode, spec: SessionSpec): ErrorEntry => ({
  code,
  family: 'session',
  title: spec.title,
  message: spec.message,
  cause: spec.cause,
  userAction: spec.userAction,
  adminAction: spec.adminAction,
  audience: spec.audience ?? 'admin',
  statusClass: spec.statusClass,
  displayName: spec.displayName,
  ...(spec.uiState ? { uiState: spec.uiState } : {}),
  ...(CONNECTION_SETUP.test(code) ? { connectionSetup: true as const } : {}),
});

const POLICY_BLOCKED = 'Application access is blocked by Private Access policy.';
const CONTACT_ADMIN = 'Contact your administrator with this code.';
const REAUTH = 'Click Authenticate in Private Access to sign in again.';
const TIMEOUT_REAUTH: ErrorUiState = { auth: 'reauthRequired', reauthReason: 'timeout' };
const TUNNEL_AUTH_ERROR: ErrorUiState = { service: 'Authentication Error' };

/** The Okta sync error (domain.md §1.8): the same code for "deactivated" and "not synced". */
export const SCIM_INACTIVE = CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE;
export const SCIM_INACTIVE_REASONS = ['not_synced', 'deactivated'] as const;
export type ScimInactiveReason = (typeof SCIM_INACTIVE_REASONS)[number];

const SCIM_INACTIVE_BASE: SessionSpec = {
  displayName: 'SE: Application access blocked because user was not active with SCIM',
  statusClass: 'Error',
  title: 'User not active in SCIM',
  message:
    "Private Access can't connect: your account is not active in your organisation's user directory sync. Contact your administrator, then click Retry.",
  cause:
    'SCIM Sync is on for your identity provider and your user is not active in the SCIM user database: it was deactivated, or it was never synced. The service edge refuses each application connection setup (logged per application in the app connection log), so the client cannot connect.',
  userAction:
    'Contact your administrator and tell them the code and this message, then click Retry once they confirm the fix.',
  adminAction:
    'Check the user in the SCIM user database of this IdP. If missing, make the IdP provision them; if deactivated, reactivate them in the IdP and wait for the next sync.',
  uiState: { service: 'Connection Error' },
};

export const SCIM_INACTIVE_VARIANTS: Record<ScimInactiveReason, ErrorEntry> = {
  not_synced: {
    ...session(SCIM_INACTIVE, {
      ...SCIM_INACTIVE_BASE,
      title: 'User not synced via SCIM (Okta sync error)',
      cause:
        'Users assigned to the Zscaler Private Access app in Okta before SCIM provisioning was enabled are not pushed by Okta, so they are missing from the SCIM user database. With SCIM Sync on, the cloud does not recognise them and blocks them.',
      adminAction:
        'In Okta, enable PROVISION_OUT_OF_SYNC_USERS (an Okta org feature: ask Okta support if you cannot see it), then unassign and reassign the affected users and groups on the Zscaler Private Access app and wait for the sync to finish. Alternatively, in the app\'s Assignments use "Provision User" on each flagged user one by one. Then check the user appears (active) in the SCIM user database and the SCIM sync logs.',
    }),
    reason: 'not_synced',
  },
  deactivated: {
    ...session(SCIM_INACTIVE, {
      ...SCIM_INACTIVE_BASE,
      title: 'User deactivated via SCIM',
      cause:
        'The identity provider marked the user inactive (or deleted them) through SCIM, so the service edge blocks their access.',
      adminAction:
        'If the deactivation was not intended, reactivate the user (and their assignment to the Zscaler Private Access app) in the identity provider and wait for the SCIM sync.',
    }),
    reason: 'deactivated',
  },
};

const notSynced = (
  vendor: string,
  title: string,
  cause: string,
  adminAction: string,
): ErrorEntry => ({
  ...session(SCIM_INACTIVE, { ...SCIM_INACTIVE_BASE, title, cause, adminAction }),
  reason: 'not_synced',
  vendor,
});

/**
 * "Not synced" as each IdP vendor causes and fixes it (`not_synced` itself is Okta's story, the
 * seed's): looked up with the session's IdP vendor, so a generic OIDC IdP never gets Okta's fix.
 */
export const SCIM_NOT_SYNCED_BY_VENDOR: Record<string, ErrorEntry> = {
  entra: notSynced(
    'entra',
    'User not synced via SCIM (Entra provisioning)',
    'Microsoft Entra ID has not created your user in the SCIM user database: its provisioning job runs about every 40 minutes, may be in quarantine after repeated failures, or your user is not in scope of the Zscaler Private Access enterprise app.',
    'In the Entra admin center, open the Zscaler Private Access enterprise app > Provisioning: check the provisioning logs and whether the job is in quarantine, fix the cause (token, endpoint, attribute mappings), then Restart provisioning, or use Provision on demand for this user. Check the user is assigned to the app.',
  ),
  ping: notSynced(
    'ping',
    'User not synced via SCIM (PingFederate provisioning)',
    "PingFederate has not provisioned your user: the user is outside the outbound provisioning channel's source, or the channel stopped on an error.",
    "In PingFederate, open the SCIM outbound provisioning connection to Zscaler Private Access: check the channel's source location and filter include the user, check the provisioner log for errors, then let the next provisioning cycle run (or reset the channel with provmgr).",
  ),
  generic: notSynced(
    'generic',
    'User not synced via SCIM',
    'SCIM Sync is on for your identity provider, but it never created your user in the SCIM user database, so the service edge does not recognise you.',
    "Make the identity provider create the user through SCIM (assign them to the Zscaler Private Access application and run its provisioning), then check the user appears, active, in this IdP's SCIM user database and the SCIM sync logs.",
  ),
};

/** The cloud's session view says `absent` / `inactive` (electron/connector/cloud-api.ts). */
export const SCIM_INACTIVE_REASON_ALIASES: Record<string, ScimInactiveReason> = {
  absent: 'not_synced',
  missing: 'not_synced',
  inactive: 'deactivated',
  disabled: 'deactivated',
};

export const SESSION_CODES: ErrorEntry[] = [
  session('BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY', {
    displayName: 'SE: Application policy blocked access',
    statusClass: 'PolicyBlock',
    title: 'Blocked by access policy',
    message: POLICY_BLOCKED,
    cause: 'An access policy rule that matches you denies this application.',
    userAction: 'Contact your administrator if you need this application.',
    adminAction: 'Review the access policy rule that matched (see the policy trace).',
  }),
  session('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND', {
    displayName: 'SE: Policy is not configured for access',
    statusClass: 'PolicyBlock',
    title: 'No access policy allows this application',
    message: POLICY_BLOCKED,
    cause:
      'No access rule allows this application for you (implicit block), or its segment or segment group is disabled.',
    userAction: 'Contact your administrator if you need this application.',
    adminAction: 'Add an allow rule for the application, or enable its segment / segment group.',
  }),
  session('BRK_MT_SETUP_FAIL_SAML_EXPIRED', {
    displayName: 'SE: Timeout policy blocked access',
    statusClass: 'reauthBlock',
    title: 'Authentication expired for this application',
    message:
      'Access to certain applications requires you to reauthenticate into Zscaler Client Connector.',
    cause: 'Your sign-in is older than the authentication timeout of the timeout policy.',
    userAction: REAUTH,
    adminAction: 'Expected behaviour; lengthen the authentication timeout if it is too short.',
    audience: 'user',
    uiState: TIMEOUT_REAUTH,
  }),
  session(SCIM_INACTIVE, SCIM_INACTIVE_BASE),
  session('ZPN_ERR_SCIM_INACTIVE', {
    displayName: 'SE: Error due to SCIM user deactivated',
    statusClass: 'Info',
    title: 'User terminated via SCIM',
    message: 'Private Access is disconnected: your account was deactivated in your organisation.',
    cause:
      'User termination request received from SCIM: the identity provider deactivated (or deleted) the user while they were connected, so the service edge ended the session and closed its app connections (MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE each).',
    userAction: 'Contact your administrator, then click Retry once your account is active again.',
    adminAction:
      'If unintended: check SCIM Sync is enabled, the IdP is enabled, and the sync is working; reactivate the user in the IdP.',
    uiState: { service: 'Connection Error' },
  }),
  session('MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE', {
    displayName: 'SE: User disabled via SCIM',
    statusClass: 'Info',
    title: 'User disabled via SCIM',
    message:
      'Private Access is disconnected: your account was disabled by your organisation. Your application connections were closed.',
    cause: 'The identity provider disabled the user through SCIM; the live connection was closed.',
    userAction: 'Contact your administrator, then click Retry once your account is enabled.',
    adminAction:
      'If unintended, reactivate the user in the identity provider and wait for the SCIM sync.',
    uiState: { service: 'Connection Error' },
  }),
  session('BRK_MT_TERMINATED_IDLE_TIMEOUT', {
    displayName: 'SE: Timeout policy closed idle connection',
    statusClass: 'Info',
    title: 'Idle connection closed',
    message: 'An idle application connection was closed.',
    cause: 'The connection was idle longer than the idle timeout of the timeout policy.',
    userAction: 'Open the application again.',
    adminAction: 'Normal; lengthen the idle connection timeout if needed.',
    audience: 'user',
  }),
  session('BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY_APPROVAL', {
    displayName: 'SE: Approval policy blocked access',
    statusClass: 'Error',
    title: 'Outside the approved access window',
    message: POLICY_BLOCKED,
    cause: 'Access needs an approval that does not cover this time.',
    userAction: 'Request approval for this application.',
    adminAction: 'Review the approval for this user and application.',
  }),
  session('BRK_MT_TERMINATED_APPROVAL_TIMEOUT', {
    displayName: 'SE: Just-in-time approval timed out',
    statusClass: 'Error',
    title: 'Approval expired',
    message: 'Your approved access to this application ended.',
    cause: 'The just-in-time approval window ended.',
    userAction: 'Request approval again.',
    adminAction: 'Extend the approval window if needed.',
    audience: 'user',
  }),
  session('BRK_MT_SETUP_FAIL_REAUTH_WITH_AL', {
    displayName: 'SE: Authentication Level required',
    statusClass: 'Error',
    title: 'Stronger authentication required',
    message: 'This application needs a stronger authentication. Verify to continue.',
    cause: 'A conditional access rule requires a higher authentication level.',
    userAction: 'Click Authenticate (Verify Now) and complete the verification.',
    adminAction: 'Expected with conditional access; review the rule if unexpected.',
    audience: 'user',
    uiState: { auth: 'reauthRequired', reauthReason: 'auth_level_required' },
  }),
  session('BRK_MT_SETUP_FAIL_REAUTH_EXPIRED_WITH_AL', {
    displayName: 'SE: Authentication Level expired',
    statusClass: 'Error',
    title: 'Stronger authentication expired',
    message: 'Your verification for this application expired. Verify again to continue.',
    cause: 'The authentication level obtained earlier expired.',
    userAction: 'Click Authenticate (Verify Now) and complete the verification.',
    adminAction: 'Expected with conditional access.',
    audience: 'user',
    uiState: { auth: 'reauthRequired', reauthReason: 'auth_level_required' },
  }),
  session('BRK_MT_AUTH_SAML_FAILURE', {
    displayName: 'SE: Authentication unsuccessful',
    statusClass: 'Error',
    title: 'Tunnel authentication failed',
    message: 'Authentication Error',
    cause: 'The service edge could not authenticate the session (credentials not valid).',
    userAction: `${REAUTH} If it persists, More > Restart Service, then log out and back in.`,
    adminAction: 'Check the user and the IdP configuration.',
    audience: 'user',
    uiState: TUNNEL_AUTH_ERROR,
  }),
  session('BRK_MT_AUTH_SAML_FINGER_PRINT_FAIL', {
    displayName: 'SE: Fingerprint of SAML response not verified',
    statusClass: 'Error',
    title: 'SAML fingerprint not verified',
    message: 'Authentication Error',
    cause: 'The fingerprint of the SAML response could not be verified.',
    userAction: 'Log out and back in (use a lowercase username).',
    adminAction: 'Check the username case and the IdP certificate.',
    audience: 'user',
    uiState: TUNNEL_AUTH_ERROR,
  }),
  session('BRK_MT_AUTH_NO_SAML_ASSERTION_IN_MSG', {
    displayName: 'SE: SAML assertion absent',
    statusClass: 'Error',
    title: 'SAML assertion absent',
    message: 'Authentication Error',
    cause: 'The authentication message carried no SAML assertion.',
    userAction: CONTACT_ADMIN,
    adminAction: 'Fix the IdP configuration.',
    uiState: TUNNEL_AUTH_ERROR,
  }),
  session('BRK_MT_AUTH_SAML_NO_USER_ID', {
    displayName: 'SE: User information missing in SAML assertion',
    statusClass: 'Error',
    title: 'User missing from SAML assertion',
    message: 'Authentication Error',
    cause: 'The SAML assertion carries no user identity.',
    userAction: CONTACT_ADMIN,
    adminAction: 'Fix the IdP configuration (NameID).',
    uiState: TUNNEL_AUTH_ERROR,
  }),
  session('BRK_MT_AUTH_TWO_SAML_ASSERTION_IN_MSG', {
    displayName: 'SE: SAML assertion too large',
    statusClass: 'Error',
    title: 'SAML assertion too large',
    message: 'Authentication Error',
    cause: 'The SAML assertion is larger than accepted (or there are two).',
    userAction: CONTACT_ADMIN,
    adminAction: 'Fix the IdP configuration (trim attributes and group values).',
    uiState: TUNNEL_AUTH_ERROR,
  }),
  session('BRK_MT_AUTH_ALREADY_FAILED', {
    displayName: 'SE: Multiple authentication failures',
    statusClass: 'Error',
    title: 'Repeated authentication failures',
    message: 'Authentication Error',
    cause: 'Authentication already failed several times for this session.',
    userAction: REAUTH,
    adminAction: 'Ask the user to reauthenticate.',
    audience: 'user',
    uiState: TUNNEL_AUTH_ERROR,
  }),
  session('ZPN_ERR_AUTH_TIMEOUT', {
    displayName: "SE: User's authentication timed out",
    statusClass: 'Error',
    title: 'Authentication timed out',
    message:
      'Access to certain applications requires you to reauthenticate into Zscaler Client Connector.',
    cause: 'The authentication timed out.',
    userAction: REAUTH,
    adminAction: 'Expected; lengthen the authentication timeout if needed.',
    audience: 'user',
    uiState: TIMEOUT_REAUTH,
  }),
  session('ZPN_ERR_AUTH_EXPIRED', {
    displayName: "SE: User's authentication expired",
    statusClass: 'Error',
    title: 'Authentication expired',
    message:
      'Access to certain applications requires you to reauthenticate into Zscaler Client Connector.',
    cause: 'The authentication expired.',
    userAction: REAUTH,
    adminAction: 'Expected; lengthen the authentication timeout if needed.',
    audience: 'user',
    uiState: TIMEOUT_REAUTH,
  }),
  session('ZPN_ERR_AUTH_SAML_EXPIRED', {
    displayName: "SE: User's SAML expired",
    statusClass: 'Error',
    title: 'SAML assertion expired',
    message:
      'Access to certain applications requires you to reauthenticate into Zscaler Client Connector.',
    cause: 'The SAML assertion of the sign-in expired.',
    userAction: REAUTH,
    adminAction: 'Expected; lengthen the authentication timeout if needed.',
    audience: 'user',
    uiState: TIMEOUT_REAUTH,
  }),
  session('ZPN_ERR_CERT_EXPIRED', {
    displayName: "SE: User's certificate expired",
    statusClass: 'Error',
    title: 'Device certificate expired',
    message: 'Your device certificate expired. Authenticate to renew it.',
    cause: 'The device certificate (valid 365 days from enrollment) expired.',
    userAction: `${REAUTH} If renewal fails, log out and back in.`,
    adminAction: 'Expected yearly; check IdP connectivity if renewal fails.',
    audience: 'user',
    uiState: { auth: 'reauthRequired', reauthReason: 'device_certificate_expired' },
  }),
  session('ZPN_ERR_CUSTOMER_DISABLED', {
    displayName: 'SE: User has been disabled',
    statusClass: 'Error',
    title: 'User disabled',
    message: 'Private Access is disconnected: your account has been disabled.',
    cause: 'The user has been disabled in the cloud.',
    userAction: CONTACT_ADMIN,
    adminAction: 'Re-enable the user if that was not intended; the user then reauthenticates.',
    uiState: { service: 'Connection Error' },
  }),
  session('BRK_MT_SETUP_FAIL_APP_NOT_FOUND', {
    displayName: 'SE: Application not configured',
    statusClass: 'Error',
    title: 'Application not configured',
    message: 'This application is not configured for Private Access.',
    cause: 'No application segment covers this host and port.',
    userAction: 'Check the address; contact your administrator if you need this application.',
    adminAction: 'Add the host and port to an application segment.',
  }),
  session('AST_MT_SETUP_ERR_APP_NOT_FOUND', {
    displayName: 'AC: Application not configured',
    statusClass: 'Error',
    title: 'Application not configured at the App Connector',
    message: 'This application is not configured for Private Access.',
    cause: 'The App Connector has no matching application.',
    userAction: CONTACT_ADMIN,
    adminAction: 'Check the application segment and its connector group.',
  }),
  session('NO_CONNECTOR_AVAILABLE', {
    displayName: 'CA: App Connector not available',
    statusClass: 'Error',
    title: 'No App Connector available',
    message: 'The application is not reachable right now.',
    cause: 'No App Connector of the serving group is available.',
    userAction: 'Try again later; contact your administrator if it persists.',
    adminAction: 'Check the App Connector health and the connector group.',
  }),
  session('APP_NOT_REACHABLE', {
    displayName: 'CA: Application not reachable',
    statusClass: 'Error',
    title: 'Application not reachable',
    message: 'The application is not reachable right now.',
    cause: 'The App Connector cannot reach the application server.',
    userAction: 'Try again later; contact your administrator if it persists.',
    adminAction: 'Check the application server and the network between it and the connector.',
  }),
  session('BRK_MT_SETUP_TIMEOUT', {
    displayName: 'SE: Connection request timed out',
    statusClass: 'Error',
    title: 'Connection request timed out',
    message: 'The connection request timed out.',
    cause: 'The App Connector and the service edge could not complete the connection in time.',
    userAction: 'Try again; contact your administrator if it persists.',
    adminAction: 'Check App Connector to service edge reachability.',
    uiState: { service: 'Connection Error', autoRetry: true },
  }),
  session('OPEN_OR_ACTIVE_CONNECTION', {
    displayName: 'Request successful',
    statusClass: 'Success',
    title: 'Connection open',
    message: 'The application connection is open.',
    cause: 'Access was allowed.',
    userAction: 'None.',
    adminAction: 'None.',
    audience: 'user',
  }),
  session('MT_CLOSED_TERMINATED', {
    displayName: 'Closed normally',
    statusClass: 'Info',
    title: 'Connection closed',
    message: 'The application connection closed.',
    cause: 'The connection ended normally.',
    userAction: 'None.',
    adminAction: 'None.',
    audience: 'user',
  }),
  session('BRK_MT_CLOSED_FROM_CLIENT', {
    displayName: 'SE: Closed by the client',
    statusClass: 'Info',
    title: 'Connection closed by the client',
    message: 'The application connection closed.',
    cause: 'The client closed the connection.',
    userAction: 'None.',
    adminAction: 'None.',
    audience: 'user',
  }),
  session('ZPN_STATUS_AUTHENTICATED', {
    displayName: 'Authenticated',
    statusClass: 'Success',
    title: 'Authenticated',
    message: 'Authenticated.',
    cause: 'The client authenticated to the service edge (auth log).',
    userAction: 'None.',
    adminAction: 'None.',
    audience: 'support',
  }),
  session('ZPN_STATUS_AUTH_FAILED', {
    displayName: 'Authentication failed',
    statusClass: 'Error',
    title: 'Authentication failed',
    message: 'Authentication Error',
    cause: 'The client failed to authenticate to the service edge (auth log).',
    userAction: REAUTH,
    adminAction: 'Check the user and the IdP configuration.',
    audience: 'support',
    uiState: TUNNEL_AUTH_ERROR,
  }),
  session('ZPN_STATUS_DISCONNECTED', {
    displayName: 'Disconnected',
    statusClass: 'Info',
    title: 'Disconnected',
    message: 'Private Access is Disconnected.',
    cause: 'The client disconnected from the service edge (auth log).',
    userAction: 'None.',
    adminAction: 'None.',
    audience: 'support',
  }),
];
