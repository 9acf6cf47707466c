/**
 * The contract between the identity providers' protocol code (SAML ACS, OIDC token check) and
 * the cloud's connector sessions. Protocol code verifies who the user is; sessions.ts decides
 * what that sign-in yields.
 */
import type { IdpProtocol } from '../../../shared/model/idp.js';

/** A user whose identity the cloud has verified (signature, audience, times, nonce...). */
export interface VerifiedIdentity {
  idpId: string;
  protocol: IdpProtocol;
  /** SAML NameID or the OIDC email / preferred_username claim: the SCIM join key. */
  userName: string;
  /** SAML attributes or OIDC claims, every value as a list of strings. */
  attributes: Record<string, string[]>;
  /** When the user authenticated at the IdP (ms); timeout policy counts from here. */
  authTime: number;
}

/** What the connector asked for when it started a browser sign-in. */
export interface PendingLogin {
  username: string;
  deviceId: string;
  /** Where the browser is sent at the end with ?code=&state= (or ?error=&state=). */
  redirectUri: string;
  state: string;
  /** PKCE-style S256 challenge binding the one-time code to the connector that started. */
  codeChallenge: string;
}

export type { ConnectorSessionView } from '../../../shared/model/session.js';
import type { ConnectorSessionView } from '../../../shared/model/session.js';

export interface IssuedSession {
  /** Bearer token for the connector API; returned once, stored as a hash. */
  sessionToken: string;
  session: ConnectorSessionView;
}

/** Implemented by auth/sessions.ts; called by the SAML ACS and the OIDC exchange. */
export interface LoginCompleter {
  /** Creates the connector session for a verified identity (including the SCIM check). */
  createSession(identity: VerifiedIdentity, deviceId: string): IssuedSession;
  /**
   * Browser flows (SAML): stores a one-time code for the session and returns the URL to send
   * the browser to (pending.redirectUri with code and state).
   */
  redirectWithCode(identity: VerifiedIdentity, pending: PendingLogin): string;
  /** Browser flows: the URL that hands an error back to the connector (error, error_description, state). */
  redirectWithError(pending: PendingLogin, error: { code: string; message: string }): string;
}
