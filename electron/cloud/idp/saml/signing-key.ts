/**
 * Each bundled SAML IdP's signing key and self-signed certificate: generated on first use, kept
 * in the store (idp_keys, kind 'saml-signing') so restarts keep them, replaced by a rotation.
 */
import type { IdpConfig } from '../../../../shared/model/idp.js';
import type { IdpDeps } from '../deps.js';
import type { Store } from '../../store/types.js';
import {
  certificateFingerprint,
  generateSigningKeyPair,
  parseCertificate,
  type SigningKeyPair,
} from './certificate.js';
import { samlProfile } from './vendor-profiles.js';

const KIND = 'saml-signing';

interface StoredSamlKey extends SigningKeyPair {
  createdAt: number;
}

export interface SamlSigningKey extends SigningKeyPair {
  createdAt: number;
  /** SHA-256, colon-separated upper-case hex. */
  fingerprint: string;
  notBefore: number;
  notAfter: number;
}

type KeyCtx = Pick<IdpDeps, 'store' | 'clock'>;

const isStoredKey = (doc: unknown): doc is StoredSamlKey => {
  const k = doc as Partial<StoredSamlKey> | undefined;
  return (
    typeof k?.privateKeyPem === 'string' &&
    typeof k.certificatePem === 'string' &&
    typeof k.createdAt === 'number'
  );
};

function view(k: StoredSamlKey): SamlSigningKey {
  const cert = parseCertificate(k.certificatePem);
  return {
    ...k,
    fingerprint: certificateFingerprint(k.certificatePem),
    notBefore: Date.parse(cert.validFrom),
    notAfter: Date.parse(cert.validTo),
  };
}

/** Keys being generated, so concurrent first uses share one (RSA generation takes ~100 ms). */
const generating = new WeakMap<Store, Map<string, Promise<StoredSamlKey>>>();

async function generate(ctx: KeyCtx, idp: Pick<IdpConfig, 'id' | 'vendor' | 'domains'>) {
  const profile = samlProfile(idp.vendor);
  const now = ctx.clock.now();
  const pair = await generateSigningKeyPair(
    profile.certificateSubject(idp),
    now,
    now + profile.certificateValidityMs,
  );
  return { ...pair, createdAt: now };
}

/** The IdP's current signing key, generated and stored on first use. */
export async function samlSigningKey(
  ctx: KeyCtx,
  idp: Pick<IdpConfig, 'id' | 'vendor' | 'domains'>,
): Promise<SamlSigningKey> {
  const existing = ctx.store.idpKeys.get(idp.id, KIND);
  if (isStoredKey(existing)) return view(existing);
  let inFlight = generating.get(ctx.store);
  if (!inFlight) generating.set(ctx.store, (inFlight = new Map()));
  let promise = inFlight.get(idp.id);
  if (!promise) {
    promise = generate(ctx, idp).finally(() => inFlight.delete(idp.id));
    inFlight.set(idp.id, promise);
  }
  const stored = ctx.store.idpKeys.putIfAbsent(idp.id, KIND, await promise);
  if (!isStoredKey(stored)) throw new Error(`Unreadable SAML signing key of IdP ${idp.id}.`);
  return view(stored);
}

/** The current key without creating one (undefined before first use). */
export function existingSamlSigningKey(store: Store, idpId: string): SamlSigningKey | undefined {
  const existing = store.idpKeys.get(idpId, KIND);
  return isStoredKey(existing) ? view(existing) : undefined;
}

/**
 * Replaces the IdP's key and certificate. The old certificate stops validating at once: the
 * cloud as SP trusts only the current one. Emits idp.certificateRotated (or idp.replaced).
 */
export async function rotateSamlSigningKey(
  ctx: KeyCtx & Pick<IdpDeps, 'events'>,
  idp: Pick<IdpConfig, 'id' | 'vendor' | 'domains'>,
  /** Set when a new IdP replaces the old one (emits idp.replaced instead). */
  replaced?: { nameIdChanged: boolean },
): Promise<SamlSigningKey> {
  const next = await generate(ctx, idp);
  const stored = ctx.store.transaction(() => {
    ctx.store.idpKeys.remove(idp.id, KIND);
    return ctx.store.idpKeys.putIfAbsent(idp.id, KIND, next);
  });
  if (!isStoredKey(stored)) throw new Error(`Unreadable SAML signing key of IdP ${idp.id}.`);
  if (replaced) ctx.events.emit('idp.replaced', { idpId: idp.id, ...replaced });
  else ctx.events.emit('idp.certificateRotated', { idpId: idp.id });
  return view(stored);
}

export function removeSamlSigningKey(store: Store, idpId: string): void {
  store.idpKeys.remove(idpId, KIND);
}
