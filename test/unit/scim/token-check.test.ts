import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../../electron/cloud/security/tokens.js';
import { ScimTokenCheck } from '../../../electron/cloud/scim/token-check.js';

describe('ScimTokenCheck: the SCIM bearer check that remembers the last matching token', () => {
  it('accepts the IdP token every time and refuses any other, before and after remembering', () => {
    const token = newToken();
    const other = newToken();
    const hash = hashToken(token);
    const check = new ScimTokenCheck();
    expect(check.matches(other, hash)).toBe(false);
    expect(check.matches(token, hash)).toBe(true);
    expect(check.matches(token, hash)).toBe(true);
    // Same length, one character off: compared with the remembered token, still refused.
    const oneOff = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(check.matches(oneOff, hash)).toBe(false);
    expect(check.matches(other, hash)).toBe(false);
    expect(check.matches(token.slice(1), hash)).toBe(false);
  });

  it('refuses the old token once a new one is generated (a new hash)', () => {
    const old = newToken();
    const check = new ScimTokenCheck();
    expect(check.matches(old, hashToken(old))).toBe(true);
    const fresh = newToken();
    expect(check.matches(old, hashToken(fresh))).toBe(false);
    expect(check.matches(fresh, hashToken(fresh))).toBe(true);
  });

  it('refuses everything while no token is set', () => {
    const token = newToken();
    const check = new ScimTokenCheck();
    expect(check.matches(token, hashToken(token))).toBe(true);
    expect(check.matches(token, null)).toBe(false);
    expect(check.matches(token, undefined)).toBe(false);
  });
});
