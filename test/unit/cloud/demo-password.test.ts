/**
 * The demo users' stored password hash is computed once, not at every start
 * (seed/demo-tenant.ts): it must be a real scrypt hash of the documented password, verified the
 * way every sign-in verifies one.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PASSWORD_HASH } from '../../../electron/cloud/seed/demo-tenant.js';
import { passwordMatches } from '../../../electron/cloud/security/passwords.js';

describe('the demo password hash', () => {
  it('is the scrypt hash of DEMO_PASSWORD, and of nothing else', () => {
    expect(DEMO_PASSWORD_HASH).toMatch(/^scrypt\$[\w-]{22}\$[\w-]{43}$/);
    expect(passwordMatches(DEMO_PASSWORD, DEMO_PASSWORD_HASH)).toBe(true);
    expect(passwordMatches(`${DEMO_PASSWORD} `, DEMO_PASSWORD_HASH)).toBe(false);
    expect(passwordMatches('passw0rd!', DEMO_PASSWORD_HASH)).toBe(false);
  });
});
