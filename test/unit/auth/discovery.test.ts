import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../electron/cloud/auth/auth-error.js';
import { discoverIdp } from '../../../electron/cloud/auth/discovery.js';
import type { IdpConfig } from '../../../shared/model/idp.js';

const idp = (over: Partial<IdpConfig>): IdpConfig =>
  ({
    id: '1',
    name: 'Okta',
    protocol: 'saml',
    vendor: 'okta',
    domains: ['acme.example'],
    enabled: true,
    ...over,
  }) as IdpConfig;

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AuthError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('IdP discovery', () => {
  const idps = [
    idp({}),
    idp({ id: '2', name: 'Globex', protocol: 'oidc', domains: ['globex.example'] }),
  ];

  it('picks the IdP configured for the username domain, case-insensitively', () => {
    expect(discoverIdp(idps, 'alice@acme.example').id).toBe('1');
    expect(discoverIdp(idps, 'Erin@GLOBEX.example').id).toBe('2');
  });

  it('answers with the real client codes when it cannot', () => {
    expect(codeOf(() => discoverIdp(idps, 'alice'))).toBe('42001');
    expect(codeOf(() => discoverIdp(idps, 'alice@'))).toBe('42001');
    expect(codeOf(() => discoverIdp([], 'alice@acme.example'))).toBe('42002');
    expect(codeOf(() => discoverIdp(idps, 'alice@other.example'))).toBe('42029');
    expect(codeOf(() => discoverIdp([idp({ enabled: false })], 'alice@acme.example'))).toBe(
      '42042',
    );
  });
});
