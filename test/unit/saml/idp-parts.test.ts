/**
 * The bundled SAML IdP's small parts: self-signed certificates (DER checked by node's X.509
 * parser), AuthnRequest decoding for both bindings, vendor entity IDs, the directory accessor.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderAuthnRequest } from '../../../electron/cloud/auth/saml-sp.js';
import {
  certificateBody,
  certificateFingerprint,
  generateSigningKeyPair,
  toPem,
} from '../../../electron/cloud/idp/saml/certificate.js';
import { decodeAuthnRequest } from '../../../electron/cloud/idp/saml/authn-request.js';
import { readDirectoryUser } from '../../../electron/cloud/idp/saml/directory-user.js';
import { SAML_VENDOR_PROFILES } from '../../../electron/cloud/idp/saml/vendor-profiles.js';

const ctx = { baseUrl: () => 'http://cloud.test', tenantId: '212345678901234567' };
const idp = { id: '712345678901234567', domains: ['acme.example'] };

describe('self-signed certificates', () => {
  it('are valid X.509 v3, self-signed, with the subject and validity asked for', async () => {
    const notBefore = Date.parse('2030-01-01T00:00:00Z');
    const notAfter = Date.parse('2060-01-01T00:00:00Z'); // GeneralizedTime from 2050 on
    const pair = await generateSigningKeyPair(
      {
        rdns: [
          ['C', 'US'],
          ['O', 'Okta'],
          ['CN', 'dev-123'],
          ['emailAddress', 'info@okta.com'],
        ],
      },
      notBefore,
      notAfter,
    );
    const cert = new X509Certificate(pair.certificatePem);
    expect(cert.subject).toBe('C=US\nO=Okta\nCN=dev-123\nemailAddress=info@okta.com');
    expect(cert.issuer).toBe(cert.subject);
    expect(Date.parse(cert.validFrom)).toBe(notBefore);
    expect(Date.parse(cert.validTo)).toBe(notAfter);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(pair.privateKeyPem))).toBe(true);
    expect(certificateFingerprint(pair.certificatePem)).toBe(cert.fingerprint256);
    expect(toPem(certificateBody(pair.certificatePem))).toBe(pair.certificatePem);
  });
});

describe('AuthnRequest decoding', () => {
  const xml = renderAuthnRequest({
    id: '_abc',
    issueInstant: Date.parse('2030-01-01T00:00:00Z'),
    destination: 'http://cloud.test/idp/1/saml/sso',
    acsUrl: 'http://cloud.test/auth/saml/1/acs',
    spEntityId: 'http://cloud.test/auth/saml/1/metadata',
  });

  it('reads HTTP-Redirect (deflated) and HTTP-POST requests', () => {
    const expected = {
      id: '_abc',
      issuer: 'http://cloud.test/auth/saml/1/metadata',
      acsUrl: 'http://cloud.test/auth/saml/1/acs',
      destination: 'http://cloud.test/idp/1/saml/sso',
      issueInstant: Date.parse('2030-01-01T00:00:00Z'),
      forceAuthn: false,
    };
    expect(decodeAuthnRequest(deflateRawSync(xml).toString('base64'), 'redirect')).toEqual(
      expected,
    );
    expect(decodeAuthnRequest(Buffer.from(xml).toString('base64'), 'post')).toEqual(expected);
  });

  it('refuses what is not a small, DTD-free AuthnRequest', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    for (const [value, binding] of [
      ['', 'post'],
      ['%%%', 'post'],
      [b64(xml), 'redirect'], // not deflated
      [b64(`<!DOCTYPE x [<!ENTITY a "b">]>${xml}`), 'post'],
      [b64('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'), 'post'],
      [b64(xml.replace(/<saml:Issuer>.*<\/saml:Issuer>/, '')), 'post'],
      [deflateRawSync(Buffer.alloc(1024 * 1024, 0x20)).toString('base64'), 'redirect'], // inflates past 64 KiB
    ] as const) {
      expect(() => decodeAuthnRequest(value, binding)).toThrow();
    }
  });
});

describe('vendor profiles', () => {
  it('derive stable, vendor-shaped entity IDs', () => {
    const ids = Object.fromEntries(
      Object.entries(SAML_VENDOR_PROFILES).map(([v, p]) => [v, p.entityId(ctx, idp)]),
    );
    expect(ids.okta).toMatch(/^http:\/\/www\.okta\.com\/exk[0-9A-Za-z]{17}$/);
    expect(ids.entra).toMatch(/^https:\/\/sts\.windows\.net\/[0-9a-f-]{36}\/$/);
    expect(ids.ping).toBe('https://pingfederate.acme.example:9031');
    expect(ids.generic).toBe(`http://cloud.test/idp/${idp.id}/saml/metadata`);
    expect(SAML_VENDOR_PROFILES.okta.entityId(ctx, idp)).toBe(ids.okta);
    expect(SAML_VENDOR_PROFILES.okta.entityId(ctx, { ...idp, id: '2' })).not.toBe(ids.okta);
  });

  it('make IDs that are valid xs:ID values', () => {
    for (const p of Object.values(SAML_VENDOR_PROFILES)) {
      for (let i = 0; i < 20; i++) expect(p.newId()).toMatch(/^[A-Za-z_][\w.-]*$/);
    }
  });

  it('leave out attributes without values', () => {
    const user = readDirectoryUser({ id: 'u1', userName: 'a@b.example', groups: [] });
    const names = SAML_VENDOR_PROFILES.okta.attributes(user, 'x', ctx).map((a) => a.name);
    expect(names).toEqual(['email']);
  });
});

describe('directory accessor', () => {
  it('reads the directory document, defaulting active and assigned to true', () => {
    expect(
      readDirectoryUser({
        id: 'u1',
        userName: 'alice@acme.example',
        givenName: 'Alice',
        groups: ['A', { name: 'B' }, 3] as unknown as string[], // tolerates object entries
        password: 'scrypt$x$y',
      }),
    ).toEqual({
      id: 'u1',
      userName: 'alice@acme.example',
      active: true,
      assigned: true,
      email: 'alice@acme.example',
      givenName: 'Alice',
      familyName: undefined,
      displayName: undefined,
      department: undefined,
      title: undefined,
      groups: ['A', 'B'],
      passwordHash: 'scrypt$x$y',
    });
  });
});
