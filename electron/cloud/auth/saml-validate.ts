/**
 * Validation of a SAML Response at the cloud's ACS. The libraries leave most of this to the SP
 * (shared/docs/toolchain.md): here every check is ours, xml-crypto only does the cryptography, and
 * identity is read only from the canonical bytes whose signature was verified.
 *
 * Signatures: a signed Assertion, a signed Response, or both are accepted (as the real SP does).
 * A Response signature alone is enough because it is enveloped over the whole Response, which
 * must hold exactly one Assertion, as a direct child: the Assertion is then read from the
 * Response's signed bytes. Every signature present must verify, with the IdP's current
 * certificate only (KeyInfo is ignored), and reference exactly the element it sits in.
 *
 * Checks run in this order, the first failure answers (codes: shared/errors, domain.md §1.4):
 * - 42045 larger than 256 KiB (decoded)
 * - 42006 DOCTYPE / entity declarations (before parsing); after the status check, an
 *         encrypted assertion or a success without an assertion
 * - 42013 not base64, not well-formed XML, not a samlp:Response (2.0)
 * - 42020 Issuer (Response or Assertion) is not the IdP's entity ID (case-sensitive)
 * - 42014 status not Success (message carries the status and StatusMessage)
 * - 42046 the IdP's (only trusted) certificate has expired
 * - 42015 no valid signature by the IdP's current certificate over the Response or the
 *         Assertion; any invalid signature; a signature elsewhere, with a reference other than
 *         its parent's ID, or with a weak/unknown algorithm (SHA-1 refused); more than one
 *         Assertion, an Assertion not directly under the Response, or duplicate IDs (wrapping)
 * - 42016 Response or Assertion IssueInstant outside now ± 120 s (message: IdP time and range)
 * - 42032 a OneTimeUse condition
 * - 42021 Conditions NotBefore / NotOnOrAfter, SubjectConfirmationData NotOnOrAfter or
 *         SessionNotOnOrAfter outside the window (120 s skew); Audience not the SP entity ID;
 *         Recipient not the ACS; no bearer confirmation; unknown conditions
 * - 42019 Destination missing or not this ACS
 * - 42017 no InResponseTo (IdP-initiated)
 * - 42018 InResponseTo not the request this response answers (unknown, expired, already used,
 *         another IdP's); the ACS also answers 42018 for an assertion ID already used (replay)
 * - 42022 NameID missing, empty, encrypted, or holding a comment / processing instruction /
 *         element (comment truncation)
 */
import { SignedXml } from 'xml-crypto';
import { parseCertificate } from '../saml/pem.js';
import {
  CM_BEARER,
  NS,
  STATUS_SUCCESS,
  XmlRefused,
  attr,
  child,
  children,
  descendants,
  type Document,
  type Element,
  parseSamlTime,
  parseStrict,
  text,
} from '../saml/xml.js';
import { AuthError } from './auth-error.js';
import { CODES } from '../../../shared/errors/codes.js';

export const MAX_SAML_RESPONSE_BYTES = 256 * 1024;
export const SAML_CLOCK_SKEW_MS = 120_000;

export interface SamlExpectations {
  /** The IdP's entity ID: the only accepted Issuer. */
  idpEntityId: string;
  /** The IdP's current signing certificate (PEM): the only trusted key. */
  certificatePem: string;
  /** Audience. */
  spEntityId: string;
  /** Destination and Recipient. */
  acsUrl: string;
  now: number;
  /** The AuthnRequest ID this response must answer; undefined when none is pending. */
  requestId: string | undefined;
  skewMs?: number;
}

export interface ValidatedSamlResponse {
  responseId: string;
  assertionId: string;
  inResponseTo: string;
  nameId: string;
  nameIdFormat?: string;
  attributes: Record<string, string[]>;
  issueInstant: number;
  authnInstant?: number;
  sessionIndex?: string;
  /** Until when the assertion could be replayed: keep its ID as used until then. */
  replayableUntil: number;
  signed: { response: boolean; assertion: boolean };
}

const ALGORITHMS = {
  canonicalization: new Set([
    'http://www.w3.org/2001/10/xml-exc-c14n#',
    'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
    'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
    'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  ]),
  signature: new Set([
    'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  ]),
  digest: new Set([
    'http://www.w3.org/2001/04/xmlenc#sha256',
    'http://www.w3.org/2001/04/xmlenc#sha512',
  ]),
  transform: new Set([
    'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
    'http://www.w3.org/2001/10/xml-exc-c14n#',
    'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
    'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  ]),
};

const fail = (code: string, message: string): never => {
  throw new AuthError(code, message);
};

const iso = (ms: number) => new Date(ms).toISOString();

/** The SAMLResponse form field to XML: size first (before decoding anything big), then base64. */
export function decodeSamlResponseField(field: string | undefined): string {
  if (field === undefined || field.trim() === '')
    fail(CODES.NOT_A_SAML_RESPONSE, 'The POST carries no SAMLResponse.');
  const compact = field!.replace(/\s+/g, '');
  if (Math.floor((compact.length * 3) / 4) > MAX_SAML_RESPONSE_BYTES + 2) {
    fail(
      CODES.SAML_ASSERTION_TOO_LARGE,
      `The SAML response is larger than ${MAX_SAML_RESPONSE_BYTES / 1024} KiB.`,
    );
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    fail(CODES.NOT_A_SAML_RESPONSE, 'SAMLResponse is not base64.');
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** Validates a decoded SAML Response; throws AuthError with the code of the first failed check. */
export function validateSamlResponse(xml: string, expect: SamlExpectations): ValidatedSamlResponse {
  const skew = expect.skewMs ?? SAML_CLOCK_SKEW_MS;
  const now = expect.now;

  const { doc, response, responseId } = parseResponse(xml);
  checkIssuerAndStatus(response, expect);
  const { assertion, assertionId } = theOneAssertion(doc, response, responseId);
  checkCertificate(expect);
  const verified = verifiedParts(xml, doc, response, responseId, assertion, assertionId, expect);
  const { verifiedResponse, verifiedAssertion } = verified;

  const assertionIssuer = text(child(verifiedAssertion, NS.assertion, 'Issuer'));
  if (assertionIssuer !== expect.idpEntityId) {
    fail(
      CODES.SAML_ISSUER_INVALID,
      `The assertion Issuer "${assertionIssuer}" is not the IdP's entity ID "${expect.idpEntityId}".`,
    );
  }

  // --- time -----------------------------------------------------------------------------------
  const issueInstant = checkIssueInstant(
    attr(verifiedResponse, 'IssueInstant'),
    now,
    skew,
    'Response',
  );
  checkIssueInstant(attr(verifiedAssertion, 'IssueInstant'), now, skew, 'Assertion');
  const { notOnOrAfter } = checkConditions(verifiedAssertion, expect, now, skew);
  const { subject, confirmation, subjectNotOnOrAfter, authn } = checkSubject(
    verifiedAssertion,
    expect,
    now,
    skew,
  );
  const inResponseTo = checkDestinationAndRequest(verifiedResponse, confirmation, expect);
  const { nameId, nameIdEl } = readNameId(subject, assertion);

  return {
    responseId,
    assertionId,
    inResponseTo,
    nameId,
    nameIdFormat: attr(nameIdEl, 'Format'),
    attributes: readAttributes(verifiedAssertion),
    issueInstant,
    authnInstant: authn ? optionalTime(authn, 'AuthnInstant', 'AuthnStatement') : undefined,
    sessionIndex: authn ? attr(authn, 'SessionIndex') : undefined,
    replayableUntil: Math.max(notOnOrAfter ?? 0, subjectNotOnOrAfter, now) + skew,
    signed: { response: !!verified.signedResponseXml, assertion: !!verified.signedAssertionXml },
  };
}

/** Size, well-formedness (no DTD), and what it is: a SAML 2.0 samlp:Response with an ID. */
function parseResponse(xml: string): { doc: Document; response: Element; responseId: string } {
  if (Buffer.byteLength(xml, 'utf8') > MAX_SAML_RESPONSE_BYTES) {
    fail(
      CODES.SAML_ASSERTION_TOO_LARGE,
      `The SAML response is larger than ${MAX_SAML_RESPONSE_BYTES / 1024} KiB.`,
    );
  }
  let doc: Document;
  try {
    doc = parseStrict(xml);
  } catch (e) {
    if (e instanceof XmlRefused && e.reason === 'dtd') {
      fail(
        CODES.SAML_VALIDATION_FAILED,
        'The SAML response contains a DOCTYPE or entity declaration; refused.',
      );
    }
    return fail(CODES.NOT_A_SAML_RESPONSE, `The SAML response is not well-formed XML.`);
  }

  const response = doc.documentElement;
  if (!response || response.namespaceURI !== NS.protocol || response.localName !== 'Response') {
    fail(
      CODES.NOT_A_SAML_RESPONSE,
      `Expected a SAML 2.0 samlp:Response, got ${response ? `{${response.namespaceURI ?? ''}}${response.localName}` : 'nothing'}.`,
    );
  }
  const responseId = attr(response!, 'ID');
  if (attr(response!, 'Version') !== '2.0' || !responseId) {
    fail(CODES.NOT_A_SAML_RESPONSE, 'The SAML Response has no ID or is not SAML version 2.0.');
  }
  return { doc, response: response!, responseId: responseId! };
}

/** Who sent it (the Response Issuer, when present), and what it says (Success, or why not). */
function checkIssuerAndStatus(response: Element, expect: SamlExpectations): void {
  const responseIssuer = child(response, NS.assertion, 'Issuer');
  if (responseIssuer && text(responseIssuer) !== expect.idpEntityId) {
    fail(
      CODES.SAML_ISSUER_INVALID,
      `The response Issuer "${text(responseIssuer)}" is not the IdP's entity ID "${expect.idpEntityId}".`,
    );
  }
  const statusCode = (() => {
    const status = child(response, NS.protocol, 'Status');
    const code = status && child(status, NS.protocol, 'StatusCode');
    if (!status || !code)
      return fail(CODES.NOT_A_SAML_RESPONSE, 'The SAML Response has no Status.');
    return { status, code };
  })();
  const statusValue = attr(statusCode.code, 'Value') ?? '';
  if (statusValue !== STATUS_SUCCESS) {
    const sub = child(statusCode.code, NS.protocol, 'StatusCode');
    const short = (v: string | undefined) =>
      (v ?? '').replace(/^urn:oasis:names:tc:SAML:2\.0:status:/, '');
    const message = text(child(statusCode.status, NS.protocol, 'StatusMessage'));
    fail(
      CODES.SAML_RESPONSE_UNSUCCESSFUL,
      `The IdP answered ${short(statusValue)}${sub ? `/${short(attr(sub, 'Value'))}` : ''}${message ? `: ${message}` : '.'}`,
    );
  }
}

/** Exactly one (unencrypted) assertion, directly under the Response, with unique IDs. */
function theOneAssertion(
  doc: Document,
  response: Element,
  responseId: string,
): { assertion: Element; assertionId: string } {
  if (descendants(doc, NS.assertion, 'EncryptedAssertion').length > 0) {
    fail(
      CODES.SAML_VALIDATION_FAILED,
      'Encrypted assertions are not supported: the SP has no decryption key.',
    );
  }
  const assertions = descendants(doc, NS.assertion, 'Assertion');
  if (assertions.length === 0)
    fail(CODES.SAML_VALIDATION_FAILED, 'The SAML response carries no assertion.');
  if (assertions.length > 1) {
    fail(
      CODES.SAML_SIGNATURE_INVALID,
      `The SAML response carries ${assertions.length} assertions; exactly one is accepted (signature wrapping).`,
    );
  }
  const assertion = assertions[0]!;
  if (assertion.parentNode !== response) {
    fail(
      CODES.SAML_SIGNATURE_INVALID,
      'The assertion is not a direct child of the Response (signature wrapping).',
    );
  }
  const assertionId = attr(assertion, 'ID');
  if (!assertionId) fail(CODES.NOT_A_SAML_RESPONSE, 'The assertion has no ID.');
  const ids = new Map<string, number>();
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    for (const name of ['ID', 'Id', 'id']) {
      const v = attr(el, name);
      if (v !== undefined) ids.set(v, (ids.get(v) ?? 0) + 1);
    }
  }
  if (ids.get(responseId) !== 1 || ids.get(assertionId!) !== 1) {
    fail(CODES.SAML_SIGNATURE_INVALID, 'Element IDs are not unique (signature wrapping).');
  }
  return { assertion, assertionId: assertionId! };
}

/** The IdP's only trusted certificate must be readable and not expired. */
function checkCertificate(expect: SamlExpectations): void {
  let cert: ReturnType<typeof parseCertificate>;
  try {
    cert = parseCertificate(expect.certificatePem);
  } catch {
    return fail(
      CODES.SAML_SIGNATURE_INVALID,
      "The IdP's signing certificate configured in the cloud is unreadable.",
    );
  }
  if (Date.parse(cert.validTo) <= expect.now) {
    fail(
      CODES.IDP_CERTIFICATES_EXPIRED,
      `The IdP's signing certificate expired at ${iso(Date.parse(cert.validTo))}.`,
    );
  }
}

/**
 * Verifies the signatures (where they sit, one per element, at least one) and returns the
 * Response and Assertion as read from the verified bytes.
 */
function verifiedParts(
  xml: string,
  doc: Document,
  response: Element,
  responseId: string,
  assertion: Element,
  assertionId: string,
  expect: SamlExpectations,
) {
  const signatures = descendants(doc, NS.dsig, 'Signature');
  for (const s of signatures) {
    if (s.parentNode !== response && s.parentNode !== assertion) {
      fail(
        CODES.SAML_SIGNATURE_INVALID,
        'A signature sits outside the Response and the Assertion (signature wrapping).',
      );
    }
  }
  const responseSig = children(response, NS.dsig, 'Signature');
  const assertionSig = children(assertion, NS.dsig, 'Signature');
  if (responseSig.length > 1 || assertionSig.length > 1)
    fail(CODES.SAML_SIGNATURE_INVALID, 'More than one signature on one element.');
  if (!responseSig.length && !assertionSig.length) {
    fail(CODES.SAML_SIGNATURE_INVALID, 'Neither the Response nor the Assertion is signed.');
  }
  const signedResponseXml =
    responseSig[0] && verify(xml, responseSig[0], responseId, 'Response', expect.certificatePem);
  const signedAssertionXml =
    assertionSig[0] &&
    verify(xml, assertionSig[0], assertionId, 'Assertion', expect.certificatePem);

  // From here on, read only what a verified signature covers (plus the unsigned Response
  // envelope when only the Assertion is signed: Destination, InResponseTo, IssueInstant).
  const verifiedResponse = signedResponseXml
    ? parseStrict(signedResponseXml).documentElement!
    : response;
  const verifiedAssertion = signedAssertionXml
    ? parseStrict(signedAssertionXml).documentElement!
    : (() => {
        const inside = descendants(verifiedResponse, NS.assertion, 'Assertion');
        if (inside.length !== 1)
          fail(
            CODES.SAML_SIGNATURE_INVALID,
            'The signed Response does not hold exactly one assertion.',
          );
        return inside[0]!;
      })();
  if (
    verifiedAssertion.namespaceURI !== NS.assertion ||
    verifiedAssertion.localName !== 'Assertion' ||
    attr(verifiedAssertion, 'ID') !== assertionId
  ) {
    fail(CODES.SAML_SIGNATURE_INVALID, 'The signature does not cover the assertion used.');
  }
  return { verifiedResponse, verifiedAssertion, signedResponseXml, signedAssertionXml };
}

/** Conditions: no OneTimeUse, inside NotBefore / NotOnOrAfter, our Audience, nothing unknown. */
function checkConditions(
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
function checkSubject(
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
function checkDestinationAndRequest(
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
function readNameId(
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

function checkIssueInstant(
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

function optionalTime(el: Element, name: string, where: string): number | undefined {
  const value = attr(el, name);
  if (value === undefined) return undefined;
  const t = parseSamlTime(value);
  if (t === undefined)
    fail(CODES.SAML_CONDITIONS_FAILED, `${where} ${name} "${value}" is not a valid time.`);
  return t;
}

/**
 * Verifies one enveloped signature with the IdP's certificate only (KeyInfo is ignored) and
 * returns the canonical XML it covers. The signature must sit in the element it signs, with a
 * single reference to that element's ID and algorithms from the allowed lists.
 */
function verify(
  xml: string,
  signature: Element,
  parentId: string,
  what: string,
  certificatePem: string,
): string {
  const signedInfo = children(signature, NS.dsig, 'SignedInfo');
  if (signedInfo.length !== 1)
    fail(CODES.SAML_SIGNATURE_INVALID, `The ${what} signature has no single SignedInfo.`);
  const si = signedInfo[0]!;
  const c14n = attr(child(si, NS.dsig, 'CanonicalizationMethod') ?? si, 'Algorithm') ?? '';
  const method = attr(child(si, NS.dsig, 'SignatureMethod') ?? si, 'Algorithm') ?? '';
  if (!ALGORITHMS.canonicalization.has(c14n))
    fail(
      CODES.SAML_SIGNATURE_INVALID,
      `The ${what} signature uses an unsupported canonicalization (${c14n}).`,
    );
  if (!ALGORITHMS.signature.has(method))
    fail(
      CODES.SAML_SIGNATURE_INVALID,
      `The ${what} signature uses an unsupported algorithm (${method}); RSA-SHA256 or RSA-SHA512 required.`,
    );
  const references = children(si, NS.dsig, 'Reference');
  if (references.length !== 1)
    fail(CODES.SAML_SIGNATURE_INVALID, `The ${what} signature must have exactly one reference.`);
  const ref = references[0]!;
  if (attr(ref, 'URI') !== `#${parentId}`) {
    fail(
      CODES.SAML_SIGNATURE_INVALID,
      `The ${what} signature references "${attr(ref, 'URI') ?? ''}", not the ${what} it sits in (#${parentId}).`,
    );
  }
  const digest = attr(child(ref, NS.dsig, 'DigestMethod') ?? ref, 'Algorithm') ?? '';
  if (!ALGORITHMS.digest.has(digest))
    fail(
      CODES.SAML_SIGNATURE_INVALID,
      `The ${what} signature uses an unsupported digest (${digest}).`,
    );
  const transforms = child(ref, NS.dsig, 'Transforms');
  for (const t of transforms ? children(transforms, NS.dsig, 'Transform') : []) {
    const alg = attr(t, 'Algorithm') ?? '';
    if (!ALGORITHMS.transform.has(alg) || (children(t).length > 0 && !alg.includes('exc-c14n'))) {
      fail(
        CODES.SAML_SIGNATURE_INVALID,
        `The ${what} signature uses an unsupported transform (${alg}).`,
      );
    }
  }

  const sig = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  let valid = false;
  try {
    sig.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
    valid = sig.checkSignature(xml);
  } catch {
    valid = false;
  }
  const signed = valid ? sig.getSignedReferences() : [];
  if (!valid || signed.length !== 1) {
    fail(
      CODES.SAML_SIGNATURE_INVALID,
      `The ${what} signature is not valid for the IdP's current signing certificate.`,
    );
  }
  return signed[0]!;
}

function readAttributes(assertion: Element): Record<string, string[]> {
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
