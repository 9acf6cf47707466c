import * as client from 'openid-client';
import type { BrowserPort } from '../browser-port.js';
import { ConnectorError } from '../connector-error.js';
import { CODES } from '../../../shared/errors/codes.js';

export interface OidcLoginOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  /** Pre-fills the IdP's username field. */
  loginHint?: string;
  /**
   * The cloud this connector was pointed at. An IdP at the same origin is reached the way the
   * cloud is (plain http included): the user chose that cloud, and the connector already sends
   * it the session token over that transport.
   */
  cloudUrl?: string;
  browser: BrowserPort;
  signal?: AbortSignal;
}

export interface OidcLoginResult {
  /** Handed to the cloud, which verifies it again before creating the session. */
  idToken: string;
  /** The nonce this sign-in put in the authorization request; the cloud checks it too. */
  nonce: string;
  claims: Record<string, unknown>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Plain http is acceptable only to this machine (the bundled cloud running locally) or to the
 * cloud the user chose (a workshop cloud on the trainer's machine, `--public-url http://…`).
 */
function transportOptions(
  issuer: URL,
  cloudUrl: string | undefined,
): Array<(config: client.Configuration) => void> {
  if (issuer.protocol === 'https:') return [];
  const sameOriginAsCloud = cloudUrl !== undefined && new URL(cloudUrl).origin === issuer.origin;
  if (issuer.protocol === 'http:' && (LOOPBACK_HOSTS.has(issuer.hostname) || sameOriginAsCloud)) {
    return [client.allowInsecureRequests];
  }
  throw new ConnectorError(
    CODES.IDP_AUTH_FAILED,
    `Refusing to sign in over ${issuer.protocol} to ${issuer.host}.`,
  );
}

/** Lets `signal` abort every request openid-client makes, on top of its own timeout. */
function abortable(signal: AbortSignal | undefined): client.CustomFetch | undefined {
  if (!signal) return undefined;
  return (url, options) =>
    fetch(url, {
      ...options,
      signal: options.signal ? AbortSignal.any([options.signal, signal]) : signal,
    } as RequestInit);
}

function toConnectorError(e: unknown, what: string): Error {
  if (e instanceof ConnectorError) return e;
  if (e instanceof Error && e.name === 'AbortError') return e;
  if (e instanceof client.AuthorizationResponseError) {
    // The user pressed Cancel at the IdP: not a failure of the IdP, a choice (RFC 6749 §4.1.2.1).
    if (e.error === 'access_denied') {
      return new ConnectorError(
        CODES.SIGN_IN_CANCELLED,
        'You cancelled the sign-in at the identity provider.',
      );
    }
    return new ConnectorError(
      CODES.IDP_AUTH_FAILED,
      `The identity provider refused the sign-in: ${e.error_description ?? e.error}.`,
    );
  }
  if (e instanceof client.ResponseBodyError) {
    return new ConnectorError(
      CODES.IDP_AUTH_FAILED,
      `The identity provider refused ${what}: ${e.error_description ?? e.error}.`,
    );
  }
  const cause = (e as { cause?: { code?: string } }).cause;
  if (e instanceof TypeError && cause?.code && /^E[A-Z]+/.test(cause.code)) {
    return new ConnectorError(
      CODES.NETWORK_CONNECTION_FAILED,
      `Cannot reach the identity provider (${what}): ${cause.code}.`,
    );
  }
  return new ConnectorError(
    CODES.IDP_AUTH_FAILED,
    `OIDC ${what} failed: ${(e as Error).message ?? String(e)}`,
  );
}

/**
 * Authorization code + PKCE (S256) with state and nonce against an OIDC IdP, system-browser style
 * (RFC 8252): the BrowserPort shows the IdP's pages and hands back the loopback redirect. The ID
 * token is checked here (signature, issuer, audience, expiry, nonce, c_hash) and again by the
 * cloud.
 */
export async function oidcLogin(opts: OidcLoginOptions): Promise<OidcLoginResult> {
  opts.signal?.throwIfAborted();
  const issuer = new URL(opts.issuer);
  const customFetch = abortable(opts.signal);

  let config: client.Configuration;
  try {
    config = await client.discovery(issuer, opts.clientId, undefined, client.None(), {
      execute: transportOptions(issuer, opts.cloudUrl),
      ...(customFetch ? { [client.customFetch]: customFetch } : {}),
    });
  } catch (e) {
    throw toConnectorError(e, 'discovery');
  }

  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const params: Record<string, string> = {
    redirect_uri: opts.redirectUri,
    response_type: 'code',
    scope: opts.scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (opts.loginHint) params.login_hint = opts.loginHint;
  const authorizationUrl = client.buildAuthorizationUrl(config, params);

  const redirect = await opts.browser.authorize(
    authorizationUrl.href,
    opts.redirectUri,
    opts.signal,
    state,
  );
  if (redirect.searchParams.get('state') !== state) {
    throw new ConnectorError(
      CODES.SIGN_IN_EXPIRED,
      'The sign-in answer does not belong to this sign-in. Authenticate again.',
    );
  }

  try {
    const tokens = await client.authorizationCodeGrant(config, redirect, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!tokens.id_token || !claims) {
      throw new ConnectorError(
        CODES.IDP_AUTH_FAILED,
        'The identity provider returned no ID token.',
      );
    }
    return { idToken: tokens.id_token, nonce, claims: { ...claims } };
  } catch (e) {
    throw toConnectorError(e, 'the code exchange');
  }
}
