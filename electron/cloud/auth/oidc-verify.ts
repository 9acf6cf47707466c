import { createLocalJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { IdpConfig } from '../../../shared/model/idp.js';
import type { AuthDeps } from './deps.js';
import { AuthError } from './auth-error.js';
import type { VerifiedIdentity } from './types.js';
import { CODES } from '../../../shared/errors/codes.js';

/** Clock skew the cloud accepts between itself and the IdP, as for SAML. */
const CLOCK_TOLERANCE_S = 120;

/** Protocol claims: they say how the token was issued, not who the user is. */
const PROTOCOL_CLAIMS = new Set([
  'iss',
  'aud',
  'azp',
  'exp',
  'iat',
  'nbf',
  'jti',
  'nonce',
  'auth_time',
  'at_hash',
  'c_hash',
  's_hash',
  'sid',
  'acr',
  'amr',
]);

const refused = (check: string) =>
  new AuthError(CODES.IDP_AUTH_FAILED, `ID token refused: ${check}.`, 401);

function describe(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'it has expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    const what: Record<string, string> = {
      iss: 'the issuer does not match',
      aud: 'the audience does not match',
      nbf: 'it is not valid yet',
      iat: 'its issue time is invalid',
    };
    if (e.reason === 'missing') return `the ${e.claim} claim is missing`;
    return what[e.claim] ?? `the ${e.claim} claim is invalid`;
  }
  if (e instanceof errors.JWKSNoMatchingKey) return 'it is signed by an unknown key';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'the signature is invalid';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'its signature algorithm is not allowed';
  if (e instanceof errors.JOSEError) return `it is malformed (${e.code})`;
  return 'it could not be verified';
}

/** Every claim value as a list of strings (objects are skipped). */
function toAttributes(payload: JWTPayload): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (PROTOCOL_CLAIMS.has(name) || value === null || value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value])
      .filter((v) => ['string', 'number', 'boolean'].includes(typeof v))
      .map(String);
    if (Array.isArray(value) || values.length) out[name] = values;
  }
  return out;
}

/**
 * Verifies an ID token of a bundled OIDC IdP before the cloud trusts it: RS256 signature by the
 * IdP's key, issuer, audience (the connector's client id), expiry on the cloud's clock with
 * 120 s tolerance, the nonce the connector generated, and azp when present. Any failure is
 * ZPA code 1005.
 */
export async function verifyOidcIdToken(
  ctx: Pick<AuthDeps, 'idpTrust' | 'clock'>,
  idp: IdpConfig,
  idToken: string,
  nonce: string,
): Promise<VerifiedIdentity> {
  if (idp.protocol !== 'oidc') throw refused(`${idp.name} is not an OIDC IdP`);
  const trust = ctx.idpTrust;
  const jwk = trust.oidcPublicJwk(idp);
  if (!jwk) throw refused(`${idp.name} has not issued any token yet (no signing key)`);

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, createLocalJWKSet({ keys: [jwk] }), {
      algorithms: ['RS256'],
      issuer: trust.oidcIssuer(idp),
      audience: trust.oidcClientId,
      currentDate: new Date(ctx.clock.now()),
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['sub', 'iat', 'exp'],
    }));
  } catch (e) {
    throw refused(describe(e));
  }

  if (typeof payload.nonce !== 'string' || payload.nonce !== nonce) {
    throw refused('the nonce does not match this sign-in');
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (payload.azp !== undefined ? payload.azp !== trust.oidcClientId : audiences.length > 1) {
    throw refused('the authorized party (azp) is not the Client Connector');
  }
  const userName =
    (typeof payload.email === 'string' && payload.email) ||
    (typeof payload.preferred_username === 'string' && payload.preferred_username);
  if (!userName) throw refused('it names no user (no email or preferred_username)');
  if (typeof payload.auth_time !== 'number') throw refused('the auth_time claim is missing');

  return {
    idpId: idp.id,
    protocol: 'oidc',
    userName,
    attributes: toAttributes(payload),
    authTime: payload.auth_time * 1000,
  };
}
