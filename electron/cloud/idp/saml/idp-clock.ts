/**
 * How far a bundled SAML IdP's clock is off the cloud's: a host without NTP stamps its
 * responses with its own time, which the cloud's ACS refuses beyond its 120 s skew (42016).
 * Kept per IdP in the settings store; 0 (the default) is a clock in sync.
 */
import type { Store } from '../../store/types.js';

const key = (idpId: string) => `saml.idpClockSkewMs.${idpId}`;

export function idpClockSkewMs(store: Store, idpId: string): number {
  return Number(store.settings.get(key(idpId)) ?? 0) || 0;
}

export function setIdpClockSkewMs(store: Store, idpId: string, skewMs: number): void {
  store.settings.set(key(idpId), String(Math.round(skewMs)));
}
