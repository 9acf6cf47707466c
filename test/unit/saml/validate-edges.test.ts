/**
 * The validator's edges the mutation run of 2026-12-07 found unasserted: which InResponseTo
 * counts when only one of the two carries it, a certificate that expires at this very moment,
 * conditions in another namespace, a time attribute that is no time, and the exact message of
 * the refusals whose code alone was asserted (the same code comes from a later check too).
 */
import { describe, expect, it } from 'vitest';
import { validateSamlResponse } from '../../../electron/cloud/auth/saml-validate.js';
import { renderResponseXml } from '../../../electron/cloud/idp/saml/response-xml.js';
import {
  NOW,
  REQUEST_ID,
  refusalOf,
  responseParams,
  signed,
  signXml,
  SP,
  testKeys,
  EXPECTED,
  iso,
} from './fixtures.js';

/** The rendered (unsigned) response with `from` replaced by `to`; fails if `from` is absent. */
const edited = (from: string | RegExp, to: string) => {
  const xml = renderResponseXml(responseParams());
  const out = xml.replace(from, to);
  expect(out).not.toBe(xml);
  return out;
};

describe('InResponseTo', () => {
  it('is read from the subject confirmation or from the Response, whichever carries it', async () => {
    const onlyResponse = await signed(responseParams({}, { inResponseTo: undefined }));
    expect(validateSamlResponse(onlyResponse, EXPECTED).inResponseTo).toBe(REQUEST_ID);
    const onlySubject = await signed(responseParams({ inResponseTo: undefined }));
    expect(validateSamlResponse(onlySubject, EXPECTED).inResponseTo).toBe(REQUEST_ID);
  });
});

describe('the certificate', () => {
  it('is expired at the very millisecond it ends', async () => {
    const { expired } = await testKeys();
    const end = NOW - 86_400_000;
    const xml = await signed(
      responseParams({ issueInstant: end }, { issueInstant: end }),
      'both',
      expired,
    );
    expect(
      refusalOf(xml, { ...EXPECTED, certificatePem: expired.certificatePem, now: end }),
    ).toEqual({
      code: '42046',
      message: `The IdP's signing certificate expired at ${iso(end)}.`,
    });
  });
});

describe('conditions', () => {
  it('only SAML OneTimeUse and AudienceRestriction count as such; the same names elsewhere are unknown', async () => {
    const foreignOneTimeUse = edited(
      '</saml2:Conditions>',
      '<x:OneTimeUse xmlns:x="urn:example:other"/></saml2:Conditions>',
    );
    expect(refusalOf(await signXml(foreignOneTimeUse))).toEqual({
      code: '42021',
      message: 'Unsupported condition OneTimeUse in the assertion.',
    });
    const foreignRestriction = edited(
      '</saml2:Conditions>',
      `<x:AudienceRestriction xmlns:x="urn:example:other"><x:Audience>${SP}</x:Audience></x:AudienceRestriction></saml2:Conditions>`,
    );
    expect(refusalOf(await signXml(foreignRestriction))).toEqual({
      code: '42021',
      message: 'Unsupported condition AudienceRestriction in the assertion.',
    });
  });

  it('lists every audience of a restriction that names another SP', async () => {
    const two = edited(
      /<saml2:Audience>[^<]*<\/saml2:Audience>/,
      '<saml2:Audience>urn:a</saml2:Audience><saml2:Audience>urn:b</saml2:Audience>',
    );
    expect(refusalOf(await signXml(two)).message).toBe(
      `The assertion's Audience (urn:a, urn:b) is not this SP's entity ID "${SP}".`,
    );
  });
});

describe('a time attribute that is no time', () => {
  it.each([
    [/(<saml2:Conditions NotBefore=")[^"]*/, 'Conditions NotBefore'],
    [/(<saml2:Conditions NotBefore="[^"]*" NotOnOrAfter=")[^"]*/, 'Conditions NotOnOrAfter'],
    [
      /(<saml2:SubjectConfirmationData[^>]* NotOnOrAfter=")[^"]*/,
      'SubjectConfirmationData NotOnOrAfter',
    ],
    [/(<saml2:AuthnStatement AuthnInstant=")[^"]*/, 'AuthnStatement AuthnInstant'],
    [/(<saml2:AuthnStatement )/, 'AuthnStatement SessionNotOnOrAfter'],
  ])('names where it is: %s', async (at, where) => {
    const value = where.endsWith('SessionNotOnOrAfter') ? 'SessionNotOnOrAfter="soon" ' : 'soon';
    const xml = await signXml(edited(at, `$1${value}`));
    expect(refusalOf(xml)).toEqual({
      code: '42021',
      message: `${where} "soon" is not a valid time.`,
    });
  });
});

describe('the exact message', () => {
  it('of an IssueInstant outside the window', async () => {
    expect(refusalOf(await signed(responseParams({ issueInstant: NOW - 120_001 }))).message).toBe(
      `The Response was issued at ${iso(NOW - 120_001)} (IdP time); accepted range is ${iso(NOW - 120_000)} to ${iso(NOW + 120_000)} (cloud time ${iso(NOW)}, ±120 s).`,
    );
  });

  it('of a response signed nowhere, and of an assertion signed by another key', async () => {
    expect(refusalOf(renderResponseXml(responseParams()))).toEqual({
      code: '42015',
      message: 'Neither the Response nor the Assertion is signed.',
    });
    const { attacker } = await testKeys();
    expect(refusalOf(await signed(undefined, 'assertion', attacker))).toEqual({
      code: '42015',
      message: "The Assertion signature is not valid for the IdP's current signing certificate.",
    });
  });

  it('of a Status without a StatusCode', () => {
    const xml = edited(/<saml2p:StatusCode [\s\S]*<\/saml2p:StatusCode>/, '');
    expect(refusalOf(xml)).toEqual({ code: '42013', message: 'The SAML Response has no Status.' });
  });

  it('of two assertions, and of an element that repeats the Response ID', async () => {
    const xml = renderResponseXml(responseParams());
    const assertion = /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/.exec(xml)![0];
    const second = assertion.replace('ID="id-assertion-1"', 'ID="id-assertion-2"');
    expect(refusalOf(xml.replace(assertion, assertion + second))).toEqual({
      code: '42015',
      message:
        'The SAML response carries 2 assertions; exactly one is accepted (signature wrapping).',
    });
    const repeated = (await signed()).replace(
      '<saml2p:Status>',
      '<saml2p:Extensions><x:e xmlns:x="urn:example:other" ID="id-response-1"/></saml2p:Extensions><saml2p:Status>',
    );
    expect(refusalOf(repeated)).toEqual({
      code: '42015',
      message: 'Element IDs are not unique (signature wrapping).',
    });
  });
});

describe('what is missing reads as empty in the message', () => {
  it('a Recipient, an IssueInstant, a status Value', async () => {
    expect(refusalOf(await signXml(edited(/ Recipient="[^"]*"/, ''))).message).toBe(
      `The assertion's Recipient "" is not this ACS "${EXPECTED.acsUrl}".`,
    );
    expect(
      refusalOf(await signXml(edited(/(<saml2p:Response[^>]*) IssueInstant="[^"]*"/, '$1'))),
    ).toEqual({
      code: '42016',
      message: 'The Response IssueInstant "" is not a valid time.',
    });
    const noValue = edited(/<saml2p:StatusCode Value="[^"]*"/, '<saml2p:StatusCode');
    expect(refusalOf(noValue)).toEqual({ code: '42014', message: 'The IdP answered .' });
  });

  it('a signature algorithm, and a reference without transforms is not valid', async () => {
    const xml = await signed(undefined, 'response');
    const noC14n = xml.replace(/(<ds:CanonicalizationMethod) Algorithm="[^"]*"/, '$1');
    expect(refusalOf(noC14n).message).toBe(
      'The Response signature uses an unsupported canonicalization ().',
    );
    const noTransforms = xml.replace(/<ds:Transforms>[\s\S]*?<\/ds:Transforms>/, '');
    expect(noTransforms).not.toBe(xml);
    expect(refusalOf(noTransforms)).toEqual({
      code: '42015',
      message: "The Response signature is not valid for the IdP's current signing certificate.",
    });
  });
});

describe('attributes', () => {
  it('an attribute without a Name is left out', async () => {
    const xml = await signXml(edited('Name="firstName"', ''));
    expect(Object.keys(validateSamlResponse(xml, EXPECTED).attributes)).toEqual(['groups']);
  });
});
