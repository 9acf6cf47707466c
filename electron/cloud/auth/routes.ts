import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IdpConfig } from '../../../shared/model/idp.js';
import type { CloudContext } from '../context.js';
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

const username = z.string().trim().min(1).max(256);
const deviceId = z.string().min(1).max(128);

/** Sign-in results go back only to the connector on this machine (RFC 8252 loopback). */
const loopbackUri = z
  .string()
  .url()
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'redirectUri must be a loopback http URL (127.0.0.1, localhost or [::1])');

const startSchema = z
  .object({
    username,
    deviceId,
    redirectUri: loopbackUri,
    state: z.string().min(8).max(512),
    codeChallenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an S256 code challenge'),
    codeChallengeMethod: z.literal('S256').default('S256'),
  })
  .strict();

const exchangeSchema = z
  .object({ code: z.string().min(1).max(512), codeVerifier: z.string().min(43).max(128) })
  .strict();

const oidcSchema = z
  .object({ idToken: z.string().min(1).max(16_384), nonce: z.string().min(1).max(512), deviceId })
  .strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  throw new AuthError(
    CODES.INVALID_REQUEST,
    r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
  );
}

/**
 * The connector API for signing in: discover the IdP, start SAML (browser) or get the OIDC
 * client settings, exchange the one-time code or the ID token for a session, read and end it.
 */
export async function connectorAuthRoutes(
  app: FastifyInstance,
  opts: { ctx: CloudContext; sessions: SessionService; protocols: SignInProtocols },
) {
  const { ctx, sessions, protocols } = opts;

  app.setErrorHandler(connectorErrorHandler);

  const idpFor = (name: string) => discoverIdp(ctx.idps.list(), name);

  app.post('/discover', async (req) => {
    const body = parse(z.object({ username }).strict(), req.body);
    const idp = idpFor(body.username);
    return { idpId: idp.id, idpName: idp.name, protocol: idp.protocol, vendor: idp.vendor };
  });

  app.post('/login/start', async (req) => {
    const pending = parse(startSchema, req.body);
    const idp = idpFor(pending.username);
    if (idp.protocol === 'saml') {
      return {
        protocol: 'saml',
        idpId: idp.id,
        idpName: idp.name,
        loginUrl: protocols.startSaml(idp, pending),
      };
    }
    return { protocol: 'oidc', idpId: idp.id, idpName: idp.name, ...protocols.oidcClient(idp) };
  });

  app.post('/login/exchange', async (req) => {
    const body = parse(exchangeSchema, req.body);
    return sessions.exchangeCode(body.code, body.codeVerifier);
  });

  app.post('/login/oidc', async (req) => {
    const body = parse(oidcSchema, req.body);
    const claims = decodeIdTokenIssuer(body.idToken);
    const idp = ctx.idps
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

  app.get('/session', async (req) => {
    const session = sessions.authenticate(bearerToken(req.headers.authorization));
    return sessions.view(session);
  });

  app.delete('/session', async (req, reply) => {
    sessions.signOut(sessions.authenticate(bearerToken(req.headers.authorization)));
    return reply.code(204).send();
  });
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
