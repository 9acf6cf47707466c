/**
 * What each SAML refusal says (the sign-in error page and the timeline show it): the code alone
 * is asserted in validate.test.ts for these paths; here the whole message, on the same crafted
 * and really signed responses.
 */
import { describe, expect, it } from 'vitest';
import { renderResponseXml } from '../../../electron/cloud/idp/saml/response-xml.js';
import {
  ACS,
  IDP,
  NOW,
  REQUEST_ID,
  refusalOf,
  responseParams,
  signed,
  signXml,
  SP,
  EXPECTED,
  iso,
} from './fixtures.js';

const WINDOW = `(cloud time ${iso(NOW)}, 120 s skew allowed)`;

describe('SAML refusals: the message', () => {
  it('names the issuer that is not the IdP', async () => {
    expect(refusalOf(await signed(responseParams({ issuer: `${IDP}X` })))).toEqual({
      code: '42020',
      message: `The response Issuer "${IDP}X" is not the IdP's entity ID "${IDP}".`,
    });
    expect(
      refusalOf(await signed(responseParams({}, { issuer: 'http://www.okta.com/other' }))),
    ).toEqual({
      code: '42020',
      message: `The assertion Issuer "http://www.okta.com/other" is not the IdP's entity ID "${IDP}".`,
    });
  });

  it('gives a failure status without a sub-status or message in short', async () => {
    const xml = await signed(
      responseParams({ status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder' } }, null),
      'response',
    );
    expect(refusalOf(xml)).toEqual({ code: '42014', message: 'The IdP answered Responder.' });
  });

  it('says why there is no usable assertion', async () => {
    expect(refusalOf(await signed(responseParams({}, null), 'response')).message).toBe(
      'The SAML response carries no assertion.',
    );
    const encrypted = (await signed(undefined, 'response')).replace(
      /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/,
      '<saml2:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml2:EncryptedAssertion>',
    );
    expect(refusalOf(encrypted).message).toBe(
      'Encrypted assertions are not supported: the SP has no decryption key.',
    );
  });

  it('gives the times of a validity window and the cloud time', async () => {
    const message = async (a: Parameters<typeof responseParams>[1]) =>
      refusalOf(await signed(responseParams({}, a))).message;
    expect(await message({ notOnOrAfter: NOW - 120_000 })).toBe(
      `The assertion expired at ${iso(NOW - 120_000)} ${WINDOW}.`,
    );
    expect(await message({ notBefore: NOW + 120_001 })).toBe(
      `The assertion is not valid before ${iso(NOW + 120_001)} ${WINDOW}.`,
    );
    expect(await message({ subjectNotOnOrAfter: NOW - 120_000 })).toBe(
      `The subject confirmation expired at ${iso(NOW - 120_000)} ${WINDOW}.`,
    );
  });

  it('names the audience, recipient and condition that do not fit', async () => {
    expect(refusalOf(await signed(responseParams({}, { audience: 'urn:other' }))).message).toBe(
      `The assertion's Audience (urn:other) is not this SP's entity ID "${SP}".`,
    );
    expect(
      refusalOf(await signed(responseParams({}, { recipient: 'http://other/acs' }))).message,
    ).toBe(`The assertion's Recipient "http://other/acs" is not this ACS "${ACS}".`);
    const base = renderResponseXml(responseParams());
    const noConditions = base.replace(/<saml2:Conditions[\s\S]*<\/saml2:Conditions>/, '');
    expect(refusalOf(await signXml(noConditions)).message).toBe(
      'The assertion has no Conditions (audience restriction required).',
    );
    const unknown = base.replace(
      '</saml2:Conditions>',
      '<saml2:Condition xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:Custom"/></saml2:Conditions>',
    );
    expect(refusalOf(await signXml(unknown)).message).toBe(
      'Unsupported condition Condition in the assertion.',
    );
    const noAudience = base.replace(/<saml2:Audience>[^<]*<\/saml2:Audience>/, '');
    expect(refusalOf(await signXml(noAudience)).message).toBe(
      `The assertion's Audience (none) is not this SP's entity ID "${SP}".`,
    );
    expect(refusalOf(await signed(responseParams({}, { oneTimeUse: true })))).toEqual({
      code: '42032',
      message: 'The assertion has a OneTimeUse condition, which is not supported.',
    });
  });

  it('names the Destination and the InResponseTo that do not fit', async () => {
    expect(refusalOf(await signed(responseParams({ destination: undefined }))).message).toBe(
      `The response Destination "(none)" is not this ACS "${ACS}".`,
    );
    expect(
      refusalOf(await signed(responseParams({ destination: 'http://other/acs' }))).message,
    ).toBe(`The response Destination "http://other/acs" is not this ACS "${ACS}".`);
    expect(
      refusalOf(
        await signed(responseParams({ inResponseTo: undefined }, { inResponseTo: undefined })),
      ).message,
    ).toBe(
      'The response answers no AuthnRequest (IdP-initiated sign-in); only SP-initiated sign-in is supported.',
    );
    expect(refusalOf(await signed(), { ...EXPECTED, requestId: '_another' }).message).toBe(
      `No pending sign-in request matches InResponseTo "${REQUEST_ID}" (unknown, expired or already used).`,
    );
  });

  it('says what is wrong with the NameID', async () => {
    expect(refusalOf(await signed(responseParams({}, { nameId: null }))).message).toBe(
      'The assertion subject has no NameID.',
    );
    const nameId = (rawXml: string) => ({
      nameId: {
        value: '',
        format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        rawXml,
      },
    });
    expect(refusalOf(await signed(responseParams({}, nameId('  ')))).message).toBe(
      'The assertion NameID is empty.',
    );
    expect(
      refusalOf(await signed(responseParams({}, nameId('alice@acme.example<!---->.evil.example'))))
        .message,
    ).toBe('The NameID contains an XML comment, processing instruction or element; refused.');
    const encrypted = renderResponseXml(responseParams()).replace(
      /<saml2:NameID[\s\S]*?<\/saml2:NameID>/,
      '<saml2:EncryptedID><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml2:EncryptedID>',
    );
    expect(refusalOf(await signXml(encrypted)).message).toBe(
      'The NameID is encrypted; the SP has no decryption key.',
    );
  });
});
