import { randomBytes } from 'node:crypto';
import type { SettingsStore } from '../../store/types.js';

const SETTING = 'oidc.cookieKeys';

/**
 * Keys oidc-provider signs its cookies with, shared by every bundled OIDC IdP. Generated once and
 * kept in the settings, so a restart does not invalidate the cookies browsers still hold.
 */
export function oidcCookieKeys(settings: SettingsStore): string[] {
  const stored = settings.get(SETTING);
  if (stored) {
    const keys = JSON.parse(stored) as unknown;
    if (Array.isArray(keys) && keys.length && keys.every((k) => typeof k === 'string')) {
      return keys as string[];
    }
  }
  const keys = [randomBytes(32).toString('base64url')];
  settings.set(SETTING, JSON.stringify(keys));
  return keys;
}
