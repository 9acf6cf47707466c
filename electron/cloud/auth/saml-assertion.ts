/**
 * The checks on a verified assertion: IssueInstant, Conditions, the bearer subject
 * confirmation, Destination and InResponseTo, the NameID, and the attributes it carries.
 */
import {
  CM_BEARER,
  NS,
  attr,
  child,
  children,
  type Element,
  parseSamlTime,
  text,
} from '../saml/xml.js';
import { CODES } from '../../../shared/errors/codes.js';
import { fail, iso } from './saml-fail.js';
import type { SamlExpectations } from './saml-validate.js';

/** Conditions: no OneTimeUse, inside NotBefore / NotOnOrAfter, our Audience, nothing unknown. */
export function checkConditions(
  verifiedAssertion: Element,
  expect: SamlExpectations,
  now: number,
  skew: number,
): { notOnOrAfter: number | undefined } {
  const conditions = child(verifiedAssertion, NS.assertion, 'Conditions');
  if (!conditions)
    fail(
      CODES.SAML_CONDITIONS_FAILED,
      'The assertion has no Conditions (audience restriction required).',
    );
  for (const c of children(conditions!)) {
    if (c.namespaceURI === NS.assertion && c.localName === 'OneTimeUse') {
      fail(
        CODES.ONE_TIME_USE_NOT_SUPPORTED,
        'The assertion has a OneTimeUse condition, which is not supported.',
      );
    }
  }
  const notBefore = optionalTime(conditions!, 'NotBefore', 'Conditions');
  const notOnOrAfter = optionalTime(conditions!, 'NotOnOrAfter', 'Conditions');
  if (notBefore !== undefined && now + skew < notBefore) {
    fail(
      CODES.SAML_CONDITIONS_FAILED,
      `The assertion is not valid before ${iso(notBefore)} (cloud time ${iso(now)}, ${skew / 1000} s skew allowed).`,
    );
  }
  if (notOnOrAfter !== undefined && now - skew >= notOnOrAfter) {
    fail(
      CODES.SAML_CONDITIONS_FAILED,
      `The assertion expired at ${iso(notOnOrAfter)} (cloud time ${iso(now)}, ${skew / 1000} s skew allowed).`,
    );
  }
  const restrictions = children(conditions!, NS.assertion, 'AudienceRestriction');
  if (restrictions.length === 0)
    fail(CODES.SAML_CONDITIONS_FAILED, 'The assertion has no AudienceRestriction.');
  for (const r of restrictions) {
    const audiences = children(r, NS.assertion, 'Audience').map((a) => text(a));
    if (!audiences.includes(expect.spEntityId)) {
      fail(
        CODES.SAML_CONDITIONS_FAILED,
        `The assertion's Audience (${audiences.join(', ') || 'none'}) is not this SP's entity ID "${expect.spEntityId}".`,
      );
    }
  }
  for (const c of children(conditions!)) {
    const known =
      c.namespaceURI === NS.assertion &&
      ['AudienceRestriction', 'ProxyRestriction'].includes(c.localName ?? '');
    if (!known)
      fail(
        CODES.SAML_CONDITIONS_FAILED,
        `Unsupported condition ${c.localName ?? ''} in the assertion.`,
      );
  }
  return { notOnOrAfter };
}

/** The bearer confirmation (our ACS as Recipient, not expired) and the IdP session's end. */
export function checkSubject(
  verifiedAssertion: Element,
  expect: SamlExpectations,
  now: number,
  skew: number,
) {
  const subject = child(verifiedAssertion, NS.assertion, 'Subject');
  const bearer = subject
    ? children(subject, NS.assertion, 'SubjectConfirmation').find(
        (sc) => attr(sc, 'Method') === CM_BEARER,
      )
    : undefined;
  const confirmation = bearer && child(bearer, NS.assertion, 'SubjectConfirmationData');
  if (!confirmation)
    fail(CODES.SAML_CONDITIONS_FAILED, 'The assertion has no bearer SubjectConfirmationData.');
  const recipient = attr(confirmation!, 'Recipient');
  if (recipient !== expect.acsUrl) {
    fail(
      CODES.SAML_CONDITIONS_FAILED,
      `The assertion's Recipient "${recipient ?? ''}" is not this ACS "${expect.acsUrl}".`,
    );
  }
  const subjectNotOnOrAfter = optionalTime(
    confirmation!,
    'NotOnOrAfter',
    'SubjectConfirmationData',
  );
  if (subjectNotOnOrAfter === undefined)
    fail(CODES.SAML_CONDITIONS_FAILED, 'SubjectConfirmationData has no NotOnOrAfter.');
  if (now - skew >= subjectNotOnOrAfter!) {
    fail(
      CODES.SAML_CONDITIONS_FAILED,
      `The subject confirmation expired at ${iso(subjectNotOnOrAfter!)} (cloud time ${iso(now)}, ${skew / 1000} s skew allowed).`,
    );
  }
  const authn = child(verifiedAssertion, NS.assertion, 'AuthnStatement');
  const sessionNotOnOrAfter = authn && optionalTime(authn, 'SessionNotOnOrAfter', 'AuthnStatement');
  if (sessionNotOnOrAfter !== undefined && now - skew >= sessionNotOnOrAfter) {
    fail(CODES.SAML_CONDITIONS_FAILED, `The IdP session ended at ${iso(sessionNotOnOrAfter)}.`);
  }
  return {
    subject,
    confirmation: confirmation!,
    subjectNotOnOrAfter: subjectNotOnOrAfter!,
    authn,
  };
}

/** Where it was sent (our ACS), and what it answers (the pending request); the InResponseTo. */
export function checkDestinationAndRequest(
  verifiedResponse: Element,
  confirmation: Element,
  expect: SamlExpectations,
): string {
  const destination = attr(verifiedResponse, 'Destination');
  if (destination !== expect.acsUrl) {
    fail(
      CODES.SAML_DESTINATION_MISMATCH,
      `The response Destination "${destination ?? '(none)'}" is not this ACS "${expect.acsUrl}".`,
    );
  }
  const subjectInResponseTo = attr(confirmation, 'InResponseTo');
  const responseInResponseTo = attr(verifiedResponse, 'InResponseTo');
  const inResponseTo = subjectInResponseTo ?? responseInResponseTo;
  if (inResponseTo === undefined) {
    fail(
      CODES.IDP_INITIATED_NOT_SUPPORTED,
      'The response answers no AuthnRequest (IdP-initiated sign-in); only SP-initiated sign-in is supported.',
    );
  }
  if (
    (subjectInResponseTo !== undefined &&
      responseInResponseTo !== undefined &&
      subjectInResponseTo !== responseInResponseTo) ||
    expect.requestId === undefined ||
    inResponseTo !== expect.requestId
  ) {
    fail(
      CODES.NO_MATCHING_SAML_REQUEST,
      `No pending sign-in request matches InResponseTo "${inResponseTo!}" (unknown, expired or already used).`,
    );
  }
  return inResponseTo!;
}

/** Who: a plain-text, non-empty, unencrypted NameID, in the verified and in the sent bytes. */
export function readNameId(
  subject: Element | undefined,
  assertion: Element,
): { nameId: string; nameIdEl: Element } {
  if (subject && child(subject, NS.assertion, 'EncryptedID')) {
    fail(CODES.SAML_NAMEID_MISSING, 'The NameID is encrypted; the SP has no decryption key.');
  }
  const nameIdEl = subject && child(subject, NS.assertion, 'NameID');
  if (!nameIdEl) fail(CODES.SAML_NAMEID_MISSING, 'The assertion subject has no NameID.');
  // The comment-truncation attack: canonicalization drops comments, so a signature over
  // "alice@acme.example<!---->.evil.example" verifies, and a reader taking the first text node
  // sees alice. The verified bytes have no comments left; look at what was sent.
  const sentSubject = child(assertion, NS.assertion, 'Subject');
  const sentNameId = sentSubject && child(sentSubject, NS.assertion, 'NameID');
  for (const el of [nameIdEl!, sentNameId].filter((e): e is Element => !!e)) {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== n.TEXT_NODE && n.nodeType !== n.CDATA_SECTION_NODE) {
        fail(
          CODES.SAML_NAMEID_MISSING,
          'The NameID contains an XML comment, processing instruction or element; refused.',
        );
      }
    }
  }
  const nameId = text(nameIdEl);
  if (!nameId) fail(CODES.SAML_NAMEID_MISSING, 'The assertion NameID is empty.');
  return { nameId, nameIdEl: nameIdEl! };
}

export function checkIssueInstant(
  value: string | undefined,
  now: number,
  skew: number,
  what: string,
): number {
  const t = parseSamlTime(value);
  if (t === undefined)
    return fail(
      CODES.SAML_TIME_OUT_OF_RANGE,
      `The ${what} IssueInstant "${value ?? ''}" is not a valid time.`,
    );
  if (t < now - skew || t > now + skew) {
    fail(
      CODES.SAML_TIME_OUT_OF_RANGE,
      `The ${what} was issued at ${iso(t)} (IdP time); accepted range is ${iso(now - skew)} to ${iso(now + skew)} (cloud time ${iso(now)}, ±${skew / 1000} s).`,
    );
  }
  return t;
}

export function optionalTime(el: Element, name: string, where: string): number | undefined {
  const value = attr(el, name);
  if (value === undefined) return undefined;
  const t = parseSamlTime(value);
  if (t === undefined)
    fail(CODES.SAML_CONDITIONS_FAILED, `${where} ${name} "${value}" is not a valid time.`);
  return t;
}

export function readAttributes(assertion: Element): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const statement of children(assertion, NS.assertion, 'AttributeStatement')) {
    for (const a of children(statement, NS.assertion, 'Attribute')) {
      const name = attr(a, 'Name');
      if (!name) continue;
      const values = children(a, NS.assertion, 'AttributeValue')
        .filter((v) => v.getAttributeNS(NS.xsi, 'nil') !== 'true')
        .map((v) => v.textContent ?? '');
      (out[name] ??= []).push(...values);
    }
  }
  return out;
}
