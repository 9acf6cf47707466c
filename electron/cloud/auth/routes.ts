import type { FastifyInstance, FastifyRequest } from 'fastify';
import { connectorRoutes as contract } from '../../../shared/contract/cloud-api/connector.js';
import type { IdpService } from '../idp-config/idp-service.js';
import type { IdpConfig } from '../../../shared/model/idp.js';
import { serve } from '../http/route.js';
import { bearerToken } from '../security/tokens.js';
import { AuthError, connectorErrorHandler } from './auth-error.js';
import { discoverIdp } from './discovery.js';
import type { SessionService } from './sessions.js';
import type { PendingLogin, VerifiedIdentity } from './types.js';
import { CODES } from '../../../shared/errors/codes.js';

/** The protocol-specific halves of sign-in, provided by the SAML and OIDC modules. */
export interface SignInProtocols {
  /** SAML: creates the AuthnRequest and returns the IdP URL the browser opens. */
  startSaml(idp: IdpConfig, pending: PendingLogin): string;
  /** OIDC: what the connector needs to run authorization code + PKCE itself. */
  oidcClient(idp: IdpConfig): {
    issuer: string;
    clientId: string;
    redirectUri: string;
    scopes: string[];
  };
  /** OIDC: verifies the ID token (issuer, audience, signature, expiry, nonce). */
  verifyOidc(idp: IdpConfig, idToken: string, nonce: string): Promise<VerifiedIdentity>;
}

/**
 * The connector API for signing in: discover the IdP, start SAML (browser) or get the OIDC
 * client settings, exchange the one-time code or the ID token for a session, read and end it.
 */
export async function connectorAuthRoutes(
  app: FastifyInstance,
  opts: { idps: IdpService; sessions: SessionService; protocols: SignInProtocols },
) {
  const { idps, sessions, protocols } = opts;

  app.setErrorHandler(connectorErrorHandler);

  const idpFor = (name: string) => discoverIdp(idps.list(), name);

  serve(app, contract.discover, ({ body }) => {
    const idp = idpFor(body.username);
    return { idpId: idp.id, idpName: idp.name, protocol: idp.protocol, vendor: idp.vendor };
  });

  serve(app, contract.startLogin, ({ body: pending }) => {
    const idp = idpFor(pending.username);
    if (idp.protocol === 'saml') {
      return {
        protocol: 'saml' as const,
        idpId: idp.id,
        idpName: idp.name,
        loginUrl: protocols.startSaml(idp, pending),
      };
    }
    return {
      protocol: 'oidc' as const,
      idpId: idp.id,
      idpName: idp.name,
      ...protocols.oidcClient(idp),
    };
  });

  serve(app, contract.exchangeCode, ({ body }) =>
    sessions.exchangeCode(body.code, body.codeVerifier),
  );

  serve(app, contract.oidcSession, async ({ body }) => {
    const claims = decodeIdTokenIssuer(body.idToken);
    const idp = idps
      .list()
      .find((i) => i.protocol === 'oidc' && protocols.oidcClient(i).issuer === claims);
    if (!idp)
      throw new AuthError(
        CODES.IDP_AUTH_FAILED,
        'The ID token was not issued by a configured OIDC IdP.',
        401,
      );
    const identity = await protocols.verifyOidc(idp, body.idToken, body.nonce);
    return sessions.createSession(identity, body.deviceId);
  });

  const session = (req: FastifyRequest) =>
    sessions.authenticate(bearerToken(req.headers.authorization));
  serve(app, contract.getSession, (_input, req) => sessions.view(session(req)));
  serve(app, contract.signOut, (_input, req) => sessions.signOut(session(req)));
}

/** Reads `iss` without trusting it, only to pick the IdP whose keys then verify the token. */
function decodeIdTokenIssuer(idToken: string): string {
  try {
    const payload = idToken.split('.')[1] ?? '';
    const iss = (
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }
    ).iss;
    if (typeof iss === 'string') return iss;
  } catch {
    // fall through
  }
  throw new AuthError(CODES.IDP_AUTH_FAILED, 'The ID token is malformed.', 401);
}
