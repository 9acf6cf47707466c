/**
 * Validation of a SAML Response at the cloud's ACS. The libraries leave most of this to the SP
 * (shared/docs/toolchain.md): here every check is ours, xml-crypto only does the cryptography, and
 * identity is read only from the canonical bytes whose signature was verified.
 *
 * Signatures: the Assertion must be signed (Zscaler tells IdPs to "Always sign assertion"); the
 * Response may be signed too. A signed Response around an unsigned Assertion is refused (42015).
 * Every signature present must verify, with the IdP's current certificate only (KeyInfo is
 * ignored), and reference exactly the element it sits in; identity is read from the Assertion's
 * signed bytes.
 *
 * Checks run in this order, the first failure answers (codes: shared/errors, domain.md §1.4):
 * - 42045 larger than 256 KiB (decoded)
 * - 42006 DOCTYPE / entity declarations (before parsing); after the status check, an
 *         encrypted assertion or a success without an assertion
 * - 42013 not base64, not well-formed XML, not a samlp:Response (2.0)
 * - 42020 Issuer (Response or Assertion) is not the IdP's entity ID (case-sensitive)
 * - 42014 status not Success (message carries the status and StatusMessage)
 * - 42046 the IdP's (only trusted) certificate has expired
 * - 42015 no valid signature by the IdP's current certificate over the Assertion (a signed
 *         Response alone is not enough); any invalid signature; a signature elsewhere, with a reference other than
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
import {
  NS,
  STATUS_SUCCESS,
  XmlRefused,
  attr,
  child,
  descendants,
  type Document,
  type Element,
  parseStrict,
  text,
} from '../saml/xml.js';
import {
  checkConditions,
  checkDestinationAndRequest,
  checkIssueInstant,
  checkSubject,
  optionalTime,
  readAttributes,
  readNameId,
} from './saml-assertion.js';
import { fail } from './saml-fail.js';
import { checkCertificate, verifiedParts } from './saml-signature.js';
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
