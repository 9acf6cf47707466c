/**
 * The SAML response's signatures: the IdP's one trusted certificate, where signatures may sit,
 * the allowed algorithms, and the Response and Assertion as read from the verified bytes.
 */
import { SignedXml } from 'xml-crypto';
import { parseCertificate } from '../saml/pem.js';
import {
  NS,
  attr,
  child,
  children,
  descendants,
  type Document,
  type Element,
  parseStrict,
} from '../saml/xml.js';
import { CODES } from '../../../shared/errors/codes.js';
import { fail, iso } from './saml-fail.js';
import type { SamlExpectations } from './saml-validate.js';

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

/** The IdP's only trusted certificate must be readable and not expired. */
export function checkCertificate(expect: SamlExpectations): void {
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
export function verifiedParts(
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

  // Zscaler asks IdPs to "Always sign assertion" (e.g. Ping's ZPA connector guide): a signed
  // Response around an unsigned Assertion is refused; a signed Assertion inside an unsigned
  // Response is accepted (domain.md §7). Checked after the signatures present are verified, so a
  // broken Response signature is reported as such.
  if (!signedAssertionXml) {
    fail(
      CODES.SAML_SIGNATURE_INVALID,
      'The Assertion is not signed: the IdP must always sign the assertion (a signed Response alone is not enough).',
    );
  }
  // From here on, read only what a verified signature covers (plus the unsigned Response
  // envelope when only the Assertion is signed: Destination, InResponseTo, IssueInstant).
  const verifiedResponse = signedResponseXml
    ? parseStrict(signedResponseXml).documentElement!
    : response;
  const verifiedAssertion = parseStrict(signedAssertionXml!).documentElement!;
  if (
    verifiedAssertion.namespaceURI !== NS.assertion ||
    verifiedAssertion.localName !== 'Assertion' ||
    attr(verifiedAssertion, 'ID') !== assertionId
  ) {
    fail(CODES.SAML_SIGNATURE_INVALID, 'The signature does not cover the assertion used.');
  }
  return { verifiedResponse, verifiedAssertion, signedResponseXml, signedAssertionXml };
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
