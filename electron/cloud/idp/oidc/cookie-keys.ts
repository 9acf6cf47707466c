import { randomBytes } from 'node:crypto';
import type { SettingsStore } from '../../store/types.js';

const SETTING = 'oidc.cookieKeys';

/**
 * Keys oidc-provider signs its cookies with, shared by every bundled OIDC IdP and every cloud
 * instance on the database. Generated once and kept in the settings, so a restart does not
 * invalidate the cookies browsers still hold. The first keys are claimed, not read then
 * written: instances starting together on a new database all keep the ones that won.
 */
export function oidcCookieKeys(settings: SettingsStore): string[] {
  const fresh = JSON.stringify([randomBytes(32).toString('base64url')]);
  const keys = parsed(settings.claim(SETTING, fresh) ? fresh : settings.get(SETTING)!);
  if (keys) return keys;
  // A value this function did not write (damaged by hand): replaced.
  settings.set(SETTING, fresh);
  return parsed(fresh)!;
}

function parsed(stored: string): string[] | null {
  try {
    const keys = JSON.parse(stored) as unknown;
    const valid = Array.isArray(keys) && keys.length && keys.every((k) => typeof k === 'string');
    return valid ? (keys as string[]) : null;
  } catch {
    return null;
  }
}
