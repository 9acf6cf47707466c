/**
 * The IdP reading an incoming AuthnRequest (saml-core §3.4.1): HTTP-Redirect (DEFLATE + base64,
 * saml-bindings §3.4.4.1) or HTTP-POST (base64). Strict, small, and without DTDs.
 */
import { inflateRawSync } from 'node:zlib';
import {
  NS,
  attr,
  child,
  parseSamlTime,
  parseStrict,
  text,
  type Document,
} from '../../saml/xml.js';

export type SamlBinding = 'redirect' | 'post';

export interface ParsedAuthnRequest {
  id: string;
  issuer: string;
  issueInstant: number;
  /** AssertionConsumerServiceURL, when the SP names one. */
  acsUrl?: string;
  destination?: string;
  forceAuthn: boolean;
}

export class AuthnRequestError extends Error {}

const MAX_REQUEST_BYTES = 64 * 1024;

export function decodeAuthnRequest(samlRequest: string, binding: SamlBinding): ParsedAuthnRequest {
  const compact = samlRequest.replace(/\s+/g, '');
  if (
    !compact ||
    compact.length > MAX_REQUEST_BYTES * 2 ||
    !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)
  ) {
    throw new AuthnRequestError('SAMLRequest is missing or not base64.');
  }
  let raw = Buffer.from(compact, 'base64');
  if (binding === 'redirect') {
    try {
      raw = inflateRawSync(raw, { maxOutputLength: MAX_REQUEST_BYTES });
    } catch {
      throw new AuthnRequestError('SAMLRequest is not DEFLATE-encoded (HTTP-Redirect binding).');
    }
  }
  if (raw.length > MAX_REQUEST_BYTES) throw new AuthnRequestError('SAMLRequest is too large.');
  let doc: Document;
  try {
    doc = parseStrict(raw.toString('utf8'));
  } catch (e) {
    throw new AuthnRequestError(`SAMLRequest is not acceptable XML: ${(e as Error).message}`);
  }
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== NS.protocol || root.localName !== 'AuthnRequest') {
    throw new AuthnRequestError('SAMLRequest is not a SAML 2.0 AuthnRequest.');
  }
  const id = attr(root, 'ID');
  const issueInstant = parseSamlTime(attr(root, 'IssueInstant'));
  const issuer = text(child(root, NS.assertion, 'Issuer'));
  if (!id || attr(root, 'Version') !== '2.0' || issueInstant === undefined || !issuer) {
    throw new AuthnRequestError('The AuthnRequest lacks ID, Version 2.0, IssueInstant or Issuer.');
  }
  return {
    id,
    issuer,
    issueInstant,
    acsUrl: attr(root, 'AssertionConsumerServiceURL'),
    destination: attr(root, 'Destination'),
    forceAuthn: attr(root, 'ForceAuthn') === 'true',
  };
}
