import type { BrowserPort } from '../browser-port.js';
import { LOOPBACK_REDIRECT } from '../browser-port.js';
import type { CloudApi, IssuedSession } from '../cloud-api.js';
import { ConnectorError } from '../connector-error.js';
import { pkcePair, randomState } from './pkce.js';
import { CODES } from '../../../shared/errors/codes.js';
import type { LiveSession } from '../../../shared/model/broker.js';
import type { SignInMethod } from '../../../shared/state/types.js';
import type { SecretStore } from '../core/session-store.js';

/**
 * openid-client, loaded by the first OIDC sign-in rather than by every start of the connector. A
 * host may load it earlier, once its window is up.
 */
export const loadOidcClient = () => import('./oidc-login.js');

export interface SignInOptions {
  api: CloudApi;
  username: string;
  deviceId: string;
  browser: BrowserPort;
  signal?: AbortSignal;
  /**
   * Where the IdP / the cloud send the browser back (a loopback http URL, RFC 8252): the fixed
   * LOOPBACK_REDIRECT by default; the web shell uses its own `/callback` on its own port.
   */
  redirectUri?: string;
}

/**
 * Signs in the way the real client does: the cloud discovers the IdP from the username, then
 * SAML runs through the cloud (the cloud is the SP) and ends with a one-time code, while OIDC
 * runs authorization code + PKCE against the IdP and hands the ID token to the cloud.
 */
export async function signIn(opts: SignInOptions): Promise<IssuedSession> {
  const pkce = pkcePair();
  const state = randomState();
  const redirectUri = opts.redirectUri ?? LOOPBACK_REDIRECT;
  const start = await opts.api.startLogin({
    username: opts.username,
    deviceId: opts.deviceId,
    redirectUri,
    state,
    codeChallenge: pkce.challenge,
  });

  if (start.protocol === 'saml') {
    const redirect = await opts.browser.authorize(start.loginUrl, redirectUri, opts.signal, state);
    if (redirect.searchParams.get('state') !== state) {
      throw new ConnectorError(
        CODES.SIGN_IN_EXPIRED,
        'The sign-in answer does not belong to this sign-in. Authenticate again.',
      );
    }
    const error = redirect.searchParams.get('error');
    if (error)
      throw new ConnectorError(
        error,
        redirect.searchParams.get('error_description') ?? 'Sign-in refused.',
      );
    const code = redirect.searchParams.get('code');
    if (!code)
      throw new ConnectorError(
        CODES.SIGN_IN_EXPIRED,
        'The sign-in ended without a code. Authenticate again.',
      );
    return opts.api.exchangeCode(code, pkce.verifier);
  }

  const { oidcLogin } = await loadOidcClient();
  const oidc = await oidcLogin({
    issuer: start.issuer,
    clientId: start.clientId,
    // Any loopback port is the same registered redirect for a native client (RFC 8252 §7.3).
    redirectUri: opts.redirectUri ?? start.redirectUri,
    scopes: start.scopes,
    loginHint: opts.username,
    cloudUrl: opts.api.baseUrl,
    browser: opts.browser,
    signal: opts.signal,
  });
  return opts.api.oidcSession(oidc.idToken, oidc.nonce, opts.deviceId);
}

export interface SessionSignInOptions extends Omit<SignInOptions, 'browser'> {
  browser: BrowserPort;
  secrets: SecretStore;
  /** The cloud named the IdP's protocol: the sign-in is under way. */
  onMethod(method: SignInMethod): void;
}

/**
 * The whole sign-in as the core runs it: discovery, SAML or OIDC, the token stored, and the
 * cloud's live view of the new session (its timeout, SCIM status).
 */
export async function signInSession(
  opts: SessionSignInOptions,
): Promise<{ sessionToken: string; session: LiveSession }> {
  const found = await opts.api.discover(opts.username);
  opts.onMethod(found.protocol);
  const issued = await signIn(opts);
  opts.signal?.throwIfAborted();
  await opts.secrets.save({ sessionToken: issued.sessionToken, username: opts.username });
  const { session } = await opts.api.state(issued.sessionToken);
  return { sessionToken: issued.sessionToken, session };
}
