/**
 * The ACS validator on crafted, really signed responses: one test per refusal path, including
 * the structures the IdP's builder cannot make (SHA-1, stray or doubled signatures, duplicate
 * IDs, encrypted assertions, unknown conditions), and the edges of the time window.
 */
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeSamlResponseField,
  MAX_SAML_RESPONSE_BYTES,
  validateSamlResponse,
} from '../../../electron/cloud/auth/saml-validate.js';
import { renderResponseXml } from '../../../electron/cloud/idp/saml/response-xml.js';
import { wrapAssertion } from '../../../electron/cloud/idp/saml/response-builder.js';
import {
  ACS,
  expectations,
  IDP,
  NOW,
  REQUEST_ID,
  refusalOf,
  responseParams,
  signed,
  signXml,
  testKeys,
  EXPECTED,
} from './fixtures.js';

const RESPONSE_SIG = /<ds:Signature [\s\S]*?<\/ds:Signature>/;

describe('accepts', () => {
  it('a response signed on both levels, and reads the identity', async () => {
    const v = validateSamlResponse(await signed(), EXPECTED);
    expect(v).toMatchObject({
      responseId: 'id-response-1',
      assertionId: 'id-assertion-1',
      inResponseTo: REQUEST_ID,
      nameId: 'alice@acme.example',
      attributes: { firstName: ['Alice'], groups: ['Engineering', 'ZPA Users'] },
      issueInstant: NOW,
      authnInstant: NOW - 1000,
      signed: { response: true, assertion: true },
    });
    expect(v.replayableUntil).toBe(NOW + 300_000 + 120_000);
    expect(v.nameIdFormat).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    expect(v.sessionIndex).toBe('id-response-1');
  });

  it('keeps the assertion ID as used until the latest of its expiries, plus the skew', async () => {
    const later = validateSamlResponse(
      await signed(responseParams({}, { notOnOrAfter: NOW + 900_000 })),
      EXPECTED,
    );
    expect(later.replayableUntil).toBe(NOW + 900_000 + 120_000);
  });

  it('the SAMLResponse field: base64 with line breaks, up to the size limit', () => {
    const xml = '<samlp:Response/>';
    const wrapped = Buffer.from(xml)
      .toString('base64')
      .replace(/(.{8})/g, '$1\r\n');
    expect(decodeSamlResponseField(wrapped)).toBe(xml);
    const atLimit = Buffer.alloc(MAX_SAML_RESPONSE_BYTES, 'a').toString('base64');
    expect(decodeSamlResponseField(atLimit)).toHaveLength(MAX_SAML_RESPONSE_BYTES);
    const overLimit = Buffer.alloc(MAX_SAML_RESPONSE_BYTES + 3, 'a').toString('base64');
    expect(() => decodeSamlResponseField(overLimit)).toThrow(
      expect.objectContaining({
        code: '42045',
        message: 'The SAML response is larger than 256 KiB.',
      }),
    );
  });

  it('a signed Assertion inside an unsigned Response is accepted', async () => {
    expect(validateSamlResponse(await signed(undefined, 'assertion'), EXPECTED).signed).toEqual({
      response: false,
      assertion: true,
    });
  });

  it('42015: a signed Response around an unsigned Assertion ("Always sign assertion")', async () => {
    expect(refusalOf(await signed(undefined, 'response'))).toEqual({
      code: '42015',
      message:
        'The Assertion is not signed: the IdP must always sign the assertion (a signed Response alone is not enough).',
    });
  });

  it('the assertion in the default namespace, any prefixes (Entra style)', async () => {
    const params = responseParams({
      style: {
        protocolPrefix: 'samlp',
        assertionPrefix: '',
        issuerFormat: false,
        typedAttributeValues: false,
      },
    });
    expect(validateSamlResponse(await signed(params), EXPECTED).nameId).toBe('alice@acme.example');
  });

  it('times at the edges of the 120 s skew', async () => {
    const edge = await signed(
      responseParams(
        { issueInstant: NOW - 120_000 },
        {
          issueInstant: NOW + 120_000,
          notOnOrAfter: NOW - 119_999,
          subjectNotOnOrAfter: NOW - 119_999,
          notBefore: NOW + 120_000,
        },
      ),
    );
    expect(validateSamlResponse(edge, EXPECTED).nameId).toBe('alice@acme.example');
  });

  it('skips nil attribute values and merges repeated attributes', async () => {
    const xml = renderResponseXml(responseParams()).replace(
      '</saml2:AttributeStatement>',
      '<saml2:Attribute Name="groups"><saml2:AttributeValue>Extra</saml2:AttributeValue>' +
        '<saml2:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></saml2:Attribute></saml2:AttributeStatement>',
    );
    const v = validateSamlResponse(await signXml(xml), EXPECTED);
    expect(v.attributes.groups).toEqual(['Engineering', 'ZPA Users', 'Extra']);
  });
});

describe('refuses', () => {
  it('42045: larger than 256 KiB, decoded or still in base64', async () => {
    const xml = (await signed()).replace(
      '<saml2p:Status>',
      `${' '.repeat(MAX_SAML_RESPONSE_BYTES)}<saml2p:Status>`,
    );
    expect(refusalOf(xml)).toEqual({
      code: '42045',
      message: 'The SAML response is larger than 256 KiB.',
    });
    // Exactly at the limit it is parsed (and refused for what it is, not for its size).
    expect(refusalOf('x'.repeat(MAX_SAML_RESPONSE_BYTES)).code).toBe('42013');
    expect(() => decodeSamlResponseField('A'.repeat(400_000))).toThrow(
      expect.objectContaining({ code: '42045' }),
    );
  });

  it('42013: empty, not base64, not XML, not a samlp:Response, not version 2.0', async () => {
    for (const field of [undefined, '', '  ']) {
      expect(() => decodeSamlResponseField(field)).toThrow(
        expect.objectContaining({ code: '42013', message: 'The POST carries no SAMLResponse.' }),
      );
    }
    // Not base64: a stray character, padding in the middle, a length (4n+1) no data has.
    for (const field of ['not*base64', 'ab=c', 'QUJDR']) {
      expect(() => decodeSamlResponseField(field), field).toThrow(
        expect.objectContaining({ code: '42013', message: 'SAMLResponse is not base64.' }),
      );
    }
    expect(refusalOf('<unclosed')).toEqual({
      code: '42013',
      message: 'The SAML response is not well-formed XML.',
    });
    expect(
      refusalOf(
        '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="x" Version="2.0"/>',
      ).code,
    ).toBe('42013');
    expect(refusalOf('<Response ID="x" Version="2.0"/>')).toEqual({
      code: '42013',
      message: 'Expected a SAML 2.0 samlp:Response, got {}Response.',
    });
    expect(
      refusalOf(
        '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="x" Version="2.0"/>',
      ).message,
    ).toBe(
      'Expected a SAML 2.0 samlp:Response, got {urn:oasis:names:tc:SAML:2.0:protocol}AuthnRequest.',
    );
    expect(refusalOf('<saml:Response xmlns:saml="urn:x" ID="x" Version="2.0"/>').message).toBe(
      'Expected a SAML 2.0 samlp:Response, got {urn:x}Response.',
    );
    const v1 = (await signed()).replace('Version="2.0"', 'Version="1.1"');
    expect(refusalOf(v1)).toEqual({
      code: '42013',
      message: 'The SAML Response has no ID or is not SAML version 2.0.',
    });
  });

  it('42006: DOCTYPE or entity declarations, before any parsing', async () => {
    const xml = await signed();
    expect(refusalOf(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${xml}`).code).toBe(
      '42006',
    );
    expect(refusalOf(`<!doctype x>${xml}`)).toEqual({
      code: '42006',
      message: 'The SAML response contains a DOCTYPE or entity declaration; refused.',
    });
  });

  it('42020: the Response or the Assertion issued by someone else', async () => {
    expect(refusalOf(await signed(responseParams({ issuer: `${IDP}X` }))).code).toBe('42020');
    expect(
      refusalOf(await signed(responseParams({}, { issuer: 'http://www.okta.com/other' }))).code,
    ).toBe('42020');
  });

  it('42014: a failure status, with the status and its message', async () => {
    const xml = await signed(
      responseParams(
        {
          status: {
            code: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
            subCode: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied',
            message: 'Denied by policy',
          },
        },
        null,
      ),
      'response',
    );
    expect(refusalOf(xml)).toEqual({
      code: '42014',
      message: 'The IdP answered Requester/RequestDenied: Denied by policy',
    });
  });

  it('42006: a success without an assertion, or an encrypted assertion', async () => {
    expect(refusalOf(await signed(responseParams({}, null), 'response')).code).toBe('42006');
    const encrypted = (await signed(undefined, 'response')).replace(
      /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/,
      '<saml2:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml2:EncryptedAssertion>',
    );
    expect(refusalOf(encrypted).code).toBe('42006');
  });

  it('42015: unsigned; signed by another key (its certificate in KeyInfo is ignored)', async () => {
    const keys = await testKeys();
    expect(refusalOf(await signed(undefined, 'none')).code).toBe('42015');
    expect(refusalOf(await signed(undefined, 'both', keys.attacker)).code).toBe('42015');
    expect(refusalOf(await signed(undefined, 'assertion', keys.attacker)).code).toBe('42015');
  });

  it('42015: one valid and one broken signature', async () => {
    // Tamper with the Response envelope only: the Assertion signature still verifies.
    const xml = (await signed()).replace(
      `Destination="${ACS}"`,
      `Destination="${ACS}" Consent="x"`,
    );
    expect(refusalOf(xml)).toMatchObject({
      code: '42015',
      message: expect.stringContaining('Response signature'),
    });
  });

  it('42015: signature wrapping in its three shapes', async () => {
    for (const attack of [
      'unsigned-assertion-first',
      'unsigned-assertion-last',
      'signature-moved',
    ] as const) {
      const xml = wrapAssertion(
        await signed(undefined, 'assertion'),
        attack,
        'mallory@evil.example',
        'id-forged',
      );
      expect(refusalOf(xml).code).toBe('42015');
    }
  });

  it('42015: an assertion not directly under the Response', async () => {
    const xml = (await signed(undefined, 'assertion')).replace(
      /(<saml2:Assertion[\s\S]*<\/saml2:Assertion>)/,
      '<saml2p:Extensions>$1</saml2p:Extensions>',
    );
    expect(refusalOf(xml).message).toMatch(/direct child/);
  });

  it('42015: duplicate IDs', async () => {
    const xml = (await signed(undefined, 'assertion')).replace(
      '<saml2p:Status>',
      '<saml2p:Extensions><x:y xmlns:x="urn:x" ID="id-assertion-1"/></saml2p:Extensions><saml2p:Status>',
    );
    expect(refusalOf(xml).message).toMatch(/not unique/);
  });

  it('42015: a signature outside the Response and the Assertion; two on one element', async () => {
    const both = await signed();
    const responseSignature = RESPONSE_SIG.exec(both)![0];
    const stray = both
      .replace(responseSignature, '')
      .replace(
        '<saml2p:Status>',
        `<saml2p:Extensions>${responseSignature}</saml2p:Extensions><saml2p:Status>`,
      );
    expect(refusalOf(stray).message).toMatch(/outside/);
    const doubled = both.replace(responseSignature, responseSignature + responseSignature);
    expect(refusalOf(doubled).message).toMatch(/More than one/);
  });

  it('42015: a reference that is not the signed element itself', async () => {
    const xml = (await signed(undefined, 'response')).replace(
      'URI="#id-response-1"',
      'URI="#id-assertion-1"',
    );
    expect(refusalOf(xml).message).toMatch(/references "#id-assertion-1"/);
  });

  it('42015: RSA-SHA1 (and SHA-1 digests) are refused', async () => {
    const { idp } = await testKeys();
    const sig = new SignedXml({
      privateKey: idp.privateKeyPem,
      publicCert: idp.certificatePem,
      signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sig.addReference({
      xpath: "//*[local-name(.)='Assertion']",
      transforms: [
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ],
      digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1',
    });
    sig.computeSignature(renderResponseXml(responseParams()), {
      prefix: 'ds',
      location: {
        reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']",
        action: 'after',
      },
    });
    expect(refusalOf(sig.getSignedXml()).message).toMatch(/unsupported algorithm/);
  });

  it('42046: the IdP certificate has expired', async () => {
    const { expired } = await testKeys();
    const xml = await signed(undefined, 'both', expired);
    expect(refusalOf(xml, { ...EXPECTED, certificatePem: expired.certificatePem }).code).toBe(
      '42046',
    );
  });

  it('42016: IssueInstant of Response or Assertion outside ±120 s, with IdP time and range', async () => {
    const old = refusalOf(await signed(responseParams({ issueInstant: NOW - 120_001 })));
    expect(old.code).toBe('42016');
    expect(old.message).toContain(new Date(NOW - 120_001).toISOString());
    expect(old.message).toContain(
      `${new Date(NOW - 120_000).toISOString()} to ${new Date(NOW + 120_000).toISOString()}`,
    );
    expect(refusalOf(await signed(responseParams({}, { issueInstant: NOW + 120_001 }))).code).toBe(
      '42016',
    );
  });

  it('42021: Conditions and subject confirmation time window', async () => {
    for (const a of [
      { notOnOrAfter: NOW - 120_000 },
      { notBefore: NOW + 120_001 },
      { subjectNotOnOrAfter: NOW - 120_000 },
    ]) {
      expect(refusalOf(await signed(responseParams({}, a))).code).toBe('42021');
    }
  });

  it('42021: audience, recipient, missing or unknown conditions', async () => {
    expect(refusalOf(await signed(responseParams({}, { audience: 'urn:other' }))).message).toMatch(
      /Audience/,
    );
    expect(
      refusalOf(await signed(responseParams({}, { recipient: 'http://other/acs' }))).message,
    ).toMatch(/Recipient/);
    const base = renderResponseXml(responseParams());
    const noConditions = base.replace(/<saml2:Conditions[\s\S]*<\/saml2:Conditions>/, '');
    expect(refusalOf(await signXml(noConditions)).message).toMatch(/no Conditions/);
    const unknown = base.replace(
      '</saml2:Conditions>',
      '<saml2:Condition xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:Custom"/></saml2:Conditions>',
    );
    expect(refusalOf(await signXml(unknown)).message).toMatch(/Unsupported condition/);
    const twoRestrictions = base.replace(
      '</saml2:AudienceRestriction>',
      '</saml2:AudienceRestriction><saml2:AudienceRestriction><saml2:Audience>urn:other</saml2:Audience></saml2:AudienceRestriction>',
    );
    expect(refusalOf(await signXml(twoRestrictions)).code).toBe('42021');
    const proxy = base.replace(
      '</saml2:Conditions>',
      '<saml2:ProxyRestriction Count="0"/></saml2:Conditions>',
    );
    expect(validateSamlResponse(await signXml(proxy), EXPECTED).nameId).toBe('alice@acme.example');
  });

  it('42032: OneTimeUse', async () => {
    expect(refusalOf(await signed(responseParams({}, { oneTimeUse: true }))).code).toBe('42032');
  });

  it('42019: Destination missing or another', async () => {
    expect(refusalOf(await signed(responseParams({ destination: undefined }))).code).toBe('42019');
    expect(refusalOf(await signed(responseParams({ destination: 'http://other/acs' }))).code).toBe(
      '42019',
    );
  });

  it('42017: no InResponseTo anywhere (IdP-initiated), even with a pending request', async () => {
    const xml = await signed(
      responseParams({ inResponseTo: undefined }, { inResponseTo: undefined }),
    );
    expect(refusalOf(xml).code).toBe('42017');
    expect(refusalOf(xml, { ...EXPECTED, requestId: undefined }).code).toBe('42017');
  });

  it('42018: InResponseTo of another request, no pending request, or Response and subject disagreeing', async () => {
    expect(refusalOf(await signed(), { ...EXPECTED, requestId: '_another' }).code).toBe('42018');
    expect(refusalOf(await signed(), { ...EXPECTED, requestId: undefined }).code).toBe('42018');
    expect(refusalOf(await signed(responseParams({ inResponseTo: '_another' }))).code).toBe(
      '42018',
    );
  });

  it('42022: NameID missing, empty, encrypted, or with a comment / PI / element inside', async () => {
    expect(refusalOf(await signed(responseParams({}, { nameId: null }))).code).toBe('42022');
    const nameId = (rawXml: string) => ({
      nameId: {
        value: '',
        format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        rawXml,
      },
    });
    for (const raw of [
      '',
      '   ',
      'alice@acme.example<!---->.evil.example',
      'alice@acme.example<?pi x?>',
      'alice<b>x</b>',
    ]) {
      expect(refusalOf(await signed(responseParams({}, nameId(raw)))).code, raw).toBe('42022');
    }
    const encrypted = renderResponseXml(responseParams()).replace(
      /<saml2:NameID[\s\S]*?<\/saml2:NameID>/,
      '<saml2:EncryptedID><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml2:EncryptedID>',
    );
    expect(refusalOf(await signXml(encrypted)).message).toMatch(/encrypted/);
  });

  it('refusal paths no other test reaches, each with its code and message', async () => {
    const xml = renderResponseXml(responseParams());
    const cases: [string, Promise<string> | string, string, RegExp | string][] = [
      [
        'no Status',
        signXml(xml.replace(/<saml2p:Status>[\s\S]*?<\/saml2p:Status>/, '')),
        '42013',
        'The SAML Response has no Status.',
      ],
      [
        'an assertion without ID (before any signature)',
        xml.replace(' ID="id-assertion-1"', ''),
        '42013',
        'The assertion has no ID.',
      ],
      [
        'no AudienceRestriction',
        signXml(
          xml.replace(/<saml2:AudienceRestriction>[\s\S]*?<\/saml2:AudienceRestriction>/, ''),
        ),
        '42021',
        'The assertion has no AudienceRestriction.',
      ],
      [
        'no bearer subject confirmation',
        signXml(xml.replace(':cm:bearer"', ':cm:holder-of-key"')),
        '42021',
        'The assertion has no bearer SubjectConfirmationData.',
      ],
      [
        'a subject confirmation without NotOnOrAfter',
        signXml(xml.replace(/(<saml2:SubjectConfirmationData[^>]*?) NotOnOrAfter="[^"]*"/, '$1')),
        '42021',
        'SubjectConfirmationData has no NotOnOrAfter.',
      ],
      [
        'an IssueInstant that is no time',
        signXml(xml.replace('IssueInstant="2030-06-01T12:00:00.000Z"', 'IssueInstant="yesterday"')),
        '42016',
        'The Response IssueInstant "yesterday" is not a valid time.',
      ],
      [
        'a NotBefore that is no time',
        signXml(xml.replace(/(<saml2:Conditions[^>]*?NotBefore=)"[^"]*"/, '$1"soon"')),
        '42021',
        'Conditions NotBefore "soon" is not a valid time.',
      ],
    ];
    for (const [what, response, code, message] of cases) {
      const r = refusalOf(await response);
      expect(r.code, what).toBe(code);
      if (typeof message === 'string') expect(r.message, what).toBe(message);
      else expect(r.message, what).toMatch(message);
    }
    const garbled = await expectations({ certificatePem: 'not a certificate' });
    expect(refusalOf(await signed(), garbled)).toEqual({
      code: '42015',
      message: "The IdP's signing certificate configured in the cloud is unreadable.",
    });
  });

  it('the IdP session (SessionNotOnOrAfter) must not have ended, within the skew', async () => {
    const withSession = async (sessionEnd: number) =>
      signXml(
        renderResponseXml(responseParams()).replace(
          /<saml2:AuthnStatement /,
          `<saml2:AuthnStatement SessionNotOnOrAfter="${new Date(sessionEnd).toISOString()}" `,
        ),
      );
    expect(validateSamlResponse(await withSession(NOW - 119_999), EXPECTED).nameId).toBe(
      'alice@acme.example',
    );
    expect(refusalOf(await withSession(NOW - 120_000))).toEqual({
      code: '42021',
      message: `The IdP session ended at ${new Date(NOW - 120_000).toISOString()}.`,
    });
  });

  it('42015: signature algorithms and references outside the allowed lists (checked before the signature)', async () => {
    const good = await signed(undefined, 'response');
    const dsig = 'http://www.w3.org/2000/09/xmldsig#';
    const cases: [string, string, string][] = [
      [
        'canonicalization',
        good.replace(
          'CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"',
          'CanonicalizationMethod Algorithm="http://www.w3.org/2006/12/xml-c14n11"',
        ),
        'The Response signature uses an unsupported canonicalization (http://www.w3.org/2006/12/xml-c14n11).',
      ],
      [
        'digest',
        good.replace(
          'DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"',
          'DigestMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#md5"',
        ),
        'The Response signature uses an unsupported digest (http://www.w3.org/2001/04/xmldsig-more#md5).',
      ],
      [
        'transform',
        good.replace(
          `Transform Algorithm="${dsig}enveloped-signature"/>`,
          `Transform Algorithm="${dsig}enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"/>`,
        ),
        'The Response signature uses an unsupported transform (http://www.w3.org/TR/1999/REC-xpath-19991116).',
      ],
      [
        'a c14n transform with content other than exc-c14n',
        good.replace(
          `<ds:Transform Algorithm="${dsig}enveloped-signature"/>`,
          `<ds:Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"><ds:XPath>1</ds:XPath></ds:Transform>`,
        ),
        'The Response signature uses an unsupported transform (http://www.w3.org/TR/2001/REC-xml-c14n-20010315).',
      ],
      [
        'two references',
        good.replace(/(<ds:Reference [\s\S]*?<\/ds:Reference>)/, '$1$1'),
        'The Response signature must have exactly one reference.',
      ],
      [
        'two SignedInfo',
        good.replace(/(<ds:SignedInfo>[\s\S]*?<\/ds:SignedInfo>)/, '$1$1'),
        'The Response signature has no single SignedInfo.',
      ],
    ];
    for (const [what, xml, message] of cases) {
      expect(refusalOf(xml), what).toEqual({ code: '42015', message });
    }
  });

  it('checks run in order: structure, issuer, status, signature, times, audience, destination, request, NameID', async () => {
    // Wrong issuer and wrong key: the issuer is named first. Bad key and bad audience: the key.
    const keys = await testKeys();
    expect(
      refusalOf(await signed(responseParams({ issuer: 'urn:x' }), 'both', keys.attacker)).code,
    ).toBe('42020');
    expect(
      refusalOf(await signed(responseParams({}, { audience: 'urn:x' }), 'both', keys.attacker))
        .code,
    ).toBe('42015');
  });
});
