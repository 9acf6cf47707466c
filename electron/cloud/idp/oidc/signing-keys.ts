import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import type { Store } from '../../store/types.js';

const KIND = 'oidc-signing';

/** An RS256 private signing key as a JWK, with its kid. */
export interface SigningJwk extends JsonWebKey {
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
}

const isSigningJwk = (doc: unknown): doc is SigningJwk => {
  const k = doc as Partial<SigningJwk> | undefined;
  return k?.kty === 'RSA' && typeof k.kid === 'string' && typeof k.n === 'string';
};

function generate(): SigningJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JsonWebKey & { n: string; e: string };
  const kid = createHash('sha256').update(jwk.n).digest('base64url').slice(0, 16);
  return { ...jwk, kty: 'RSA', kid, alg: 'RS256', use: 'sig' };
}

/** The IdP's signing key, generated on first use and kept in the store across restarts. */
export function oidcSigningKey(store: Store, idpId: string): SigningJwk {
  const existing = store.idpKeys.get(idpId, KIND);
  if (isSigningJwk(existing)) return existing;
  const stored = store.idpKeys.putIfAbsent(idpId, KIND, generate());
  if (!isSigningJwk(stored)) throw new Error(`Unreadable OIDC signing key of IdP ${idpId}.`);
  return stored;
}

/** The public half (what the JWKS endpoint publishes), or undefined before the first key. */
export function oidcPublicJwk(store: Store, idpId: string) {
  const key = store.idpKeys.get(idpId, KIND);
  if (!isSigningJwk(key)) return undefined;
  const { kty, kid, alg, use, n, e } = key;
  return { kty, kid, alg, use, n, e };
}

export function removeOidcSigningKey(store: Store, idpId: string): void {
  store.idpKeys.remove(idpId, KIND);
}
