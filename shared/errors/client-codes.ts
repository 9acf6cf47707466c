/**
 * The simulator's own codes: the client's (network, session, internal, command line) and the
 * connector API's. Upper-case names, to tell them apart from the real client's numeric codes and
 * the session status codes.
 */
import { SIGN_IN_LABEL } from '../state/buttons.js';
import type { ErrorCode } from './codes.js';
import type { Audience, ErrorEntry, ErrorUiState } from './types.js';

interface ClientSpec {
  title: string;
  message: string;
  cause: string;
  userAction: string;
  adminAction: string;
  audience?: Audience;
  uiState?: ErrorUiState;
  severity?: 'info';
}

/** An entry of the simulator's own (a listed code, or one of a family below). */
const clientEntry = (code: string, spec: ClientSpec): ErrorEntry => ({
  code,
  family: 'client',
  title: spec.title,
  message: spec.message,
  cause: spec.cause,
  userAction: spec.userAction,
  adminAction: spec.adminAction,
  audience: spec.audience ?? 'user',
  ...(spec.uiState ? { uiState: spec.uiState } : {}),
  ...(spec.severity ? { severity: spec.severity } : {}),
});

const client = (code: ErrorCode, spec: ClientSpec): ErrorEntry => clientEntry(code, spec);

/** The session is gone: the window shows the Sign In page. */
const SIGN_IN_AGAIN = `Click ${SIGN_IN_LABEL} to sign in again.`;
const SESSION_GONE: ErrorUiState = { service: 'Connection Error', auth: 'unauthenticated' };

export const CLIENT_CODES: ErrorEntry[] = [
  client('NETWORK_ERROR', {
    title: 'Network Error',
    message: 'Services are down because the network is disconnected.',
    cause: 'The device lost its network connection.',
    userAction:
      'Reconnect to a network. The client reconnects by itself when the network is back; you can also click Retry.',
    adminAction: 'None needed.',
    uiState: { service: 'Network Error', autoRetry: true },
  }),
  client('CONNECTION_LOST', {
    title: 'Connection lost',
    message: 'Private Access is Disconnected. Reconnecting...',
    cause: 'The tunnel to the service edge dropped or stopped answering heartbeats.',
    userAction:
      'Wait for the client to reconnect, or click Retry. If it persists, Restart Service.',
    adminAction: 'Check that the device can reach the service edge (firewall, proxy).',
    uiState: { service: 'Connection Error', autoRetry: true },
  }),
  client('SESSION_INVALID', {
    title: 'Not signed in',
    message: 'Your session is no longer valid. Sign in again.',
    cause: 'The client is not signed in, or the cloud ended the session.',
    userAction: SIGN_IN_AGAIN,
    adminAction: 'None needed, unless sessions are being revoked unexpectedly.',
    uiState: SESSION_GONE,
  }),
  client('SESSION_REVOKED', {
    title: 'Session revoked',
    message: 'Private Access is disconnected: your session was ended. Sign in again.',
    cause: 'The session was revoked (signed out, or ended by an administrator).',
    userAction: SIGN_IN_AGAIN,
    adminAction: 'None needed if the revocation was intended.',
    uiState: SESSION_GONE,
  }),
  client('SESSION_SUPERSEDED', {
    title: 'Replaced by a newer sign-in',
    message: 'Private Access is disconnected: you signed in again on this device.',
    cause: 'A newer sign-in on this device replaced this session.',
    userAction: SIGN_IN_AGAIN,
    adminAction: 'None needed.',
    uiState: SESSION_GONE,
  }),
  client('SCIM_USERNAME_CHANGED', {
    title: 'Username changed',
    message:
      'Private Access is disconnected because your username changed. Log out and sign in again.',
    cause:
      'The identity provider changed your username through SCIM; the cloud deleted the old username and ended its session.',
    userAction: 'Log out of the Client Connector and sign in again with your new username.',
    adminAction: 'Expected after a username change; tell the user to log out and back in.',
    uiState: SESSION_GONE,
  }),
  client('IDP_CERTIFICATE_ROTATED', {
    title: 'Identity provider certificate changed',
    message: 'Authentication Error. Authenticate to restore access.',
    cause:
      "The administrator updated the identity provider's certificate; the tunnel authentication fails until you authenticate again.",
    userAction:
      'Click Authenticate in Private Access. If it persists, More > Restart Service, then log out and back in.',
    adminAction: 'Expected after a certificate change; users must reauthenticate.',
    uiState: {
      service: 'Authentication Error',
      auth: 'reauthRequired',
      reauthReason: 'certificate_rotated',
    },
  }),
  client('IDP_NAMEID_CHANGED', {
    title: 'Identity provider changed (different NameID)',
    message: 'Authentication Error. Log out and sign in again.',
    cause:
      'The administrator replaced the identity provider with one that sends a different NameID: the signed-in identity no longer exists for the cloud, and reauthenticating cannot renew it.',
    userAction: 'Log out of the Client Connector and sign in again.',
    adminAction:
      'Expected after changing to an IdP with a different NameID (ZPA IdP best practices): tell users to log out and sign in.',
    // No reauth prompt: the session stays signed in, in Authentication Error, until the user logs out.
    uiState: { service: 'Authentication Error' },
  }),
  client('CAPTIVE_PORTAL_ERROR', {
    title: 'Captive Portal Error',
    message: 'Captive Portal detected. Please resolve it to access the internet.',
    cause: 'A captive portal (hotel or airport Wi-Fi) was not resolved within the allowed time.',
    userAction: 'Open the browser, complete the portal sign-in, then click Retry.',
    adminAction: 'None needed.',
    uiState: { service: 'Captive Portal Error' },
  }),
  client('INTERNAL', {
    title: 'Internal Error',
    message: 'Internal Error. Click Retry; if it persists, restart the service.',
    cause: 'An unexpected fault in the client or the cloud.',
    userAction: 'Click Retry, then More > Restart Service; if it persists, export the logs.',
    adminAction: 'Collect the exported logs and contact support.',
    audience: 'support',
    uiState: { service: 'Internal Error' },
  }),
  client('CLOUD_BUSY', {
    title: 'The cloud is busy',
    message: 'The private access cloud is busy. Try again in a moment.',
    cause:
      'The cloud could not reach its database in time (it was locked by other work): nothing was changed.',
    userAction: 'Try again in a few seconds.',
    adminAction:
      'Expected now and then under heavy load; if it persists, check what holds the cloud database locked.',
  }),
  client('BUNDLED_CLOUD_UNAVAILABLE', {
    title: 'The bundled cloud did not start',
    message: 'The private access cloud bundled with the app could not start.',
    cause:
      'The cloud process bundled with the desktop app failed or timed out at start (for example its database could not be opened).',
    userAction:
      'Restart Client Connector to start it again (Retry in its message does), or use another cloud in Settings.',
    adminAction: 'Check the app log for the cloud process error.',
  }),
  client('SIGN_IN_CANCELLED', {
    title: 'Sign-in cancelled',
    message: 'The sign-in was cancelled.',
    cause:
      'You cancelled at the identity provider, or closed the sign-in window before the sign-in finished.',
    userAction: 'Sign in again when you are ready.',
    adminAction: 'None needed.',
    uiState: { auth: 'unauthenticated' },
    severity: 'info',
  }),
  client('IDP_CREDENTIALS_REJECTED', {
    title: 'Sign-in refused by the identity provider',
    message: 'Your identity provider refused the sign-in.',
    cause: 'The identity provider rejected the username or password.',
    userAction: 'Check your username and password, then authenticate again.',
    adminAction: 'Check the user is active and assigned in the identity provider.',
    uiState: { auth: 'unauthenticated' },
  }),
  client('BYPASSED', {
    title: 'Not sent through Private Access',
    message: 'This application is not forwarded to Private Access: it is reached directly.',
    cause:
      'A client forwarding rule or the segment bypasses it, or forwarding is limited to allowed applications and this one is not allowed.',
    userAction: 'None: the application is reached without Private Access.',
    adminAction:
      'Change the client forwarding policy or the segment bypass if it should go through Private Access.',
  }),
  client('METHOD_MISMATCH', {
    title: 'Sign-in method mismatch',
    message: 'This user signs in with a different method.',
    cause: "The requested sign-in method (SAML / OIDC) is not the protocol of the user's IdP.",
    userAction: 'Sign in without forcing the method, or with the method of your IdP.',
    adminAction: 'None needed.',
  }),
  client('USAGE', {
    title: 'Wrong command usage',
    message: 'The command was not used correctly.',
    cause: 'Missing or invalid command-line arguments.',
    userAction: 'Check the usage text and run the command again.',
    adminAction: 'None needed.',
  }),
  client('INVALID_REQUEST', {
    title: 'Invalid request',
    message: 'The cloud refused a malformed request.',
    cause: 'The client sent a request the cloud API could not accept.',
    userAction: 'Retry; if it persists, export the logs and contact support.',
    adminAction: 'Check the client and cloud versions match.',
    audience: 'support',
  }),
  client('NOT_FOUND', {
    title: 'Not found',
    message: 'The requested item was not found.',
    cause: 'The cloud has no such item (it may have been removed).',
    userAction: 'Refresh and try again.',
    adminAction: 'None needed.',
  }),
];

/**
 * Families of codes resolved by pattern rather than listed one by one. `match` returns the
 * entry for a code of the family, or undefined.
 */
export const CODE_FAMILIES: { pattern: RegExp; entry: (code: string) => ErrorEntry }[] = [
  {
    // toConnectorError in electron/connector/cloud-api.ts: an HTTP answer without a catalog code.
    pattern: /^HTTP_(\d{3})$/,
    entry: (code) => {
      const status = Number(code.slice(5));
      const server = status >= 500;
      return clientEntry(code, {
        title: `Cloud answered HTTP ${status}`,
        message: server
          ? 'The cloud is having a problem. Try again in a moment.'
          : 'The cloud refused the request.',
        cause: `The cloud answered HTTP ${status} without an error code.`,
        userAction: server
          ? 'Click Retry in a moment; if it persists, export the logs.'
          : 'Export the logs and contact your administrator.',
        adminAction: 'Check the cloud logs for this request.',
        audience: server ? 'user' : 'support',
        ...(server ? { uiState: { service: 'Connection Error', autoRetry: true } } : {}),
      });
    },
  },
  {
    // "Failed to report an issue" (domain.md §1.4): 8790–8810.
    pattern: /^(879\d|880\d|8810)$/,
    entry: (code) => ({
      code,
      family: 'zcc',
      title: 'Failed to report an issue',
      message: 'Failed to report issue.',
      cause:
        'Report an Issue failed: a missing or too long name, email, subject, CC or comment, a missing, invalid or too large log file, or a bad cloud response.',
      userAction: 'Check the form fields and try again; otherwise export the logs and email them.',
      adminAction: 'Check the support email settings of the app profile.',
      audience: 'user',
    }),
  },
];
