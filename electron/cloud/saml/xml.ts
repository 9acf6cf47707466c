/**
 * XML helpers shared by the bundled SAML IdP and the cloud's SAML service provider: namespaces,
 * a strict parser that refuses what SAML never needs (DTDs, entities), and namespace-aware
 * child lookups that do not care which prefix the sender chose.
 */
import { DOMParser, onErrorStopParsing, type Document, type Element } from '@xmldom/xmldom';

export type { Document, Element };

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xs: 'http://www.w3.org/2001/XMLSchema',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
} as const;

export const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
export const NAMEID_ENTITY = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';
export const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const CM_BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/** DTDs, internal subsets and entity declarations: the XXE and billion-laughs family. */
const DTD = /<!DOCTYPE|<!ENTITY|<!ELEMENT|<!ATTLIST/i;

export const hasDtd = (xml: string): boolean => DTD.test(xml);

export class XmlRefused extends Error {
  constructor(
    message: string,
    public readonly reason: 'dtd' | 'malformed',
  ) {
    super(message);
  }
}

/**
 * Parses a SAML message. Refuses any DTD before parsing (so no entity is ever expanded) and any
 * error the parser reports, however small: a SAML message is machine-written.
 */
export function parseStrict(xml: string): Document {
  if (hasDtd(xml))
    throw new XmlRefused('The message contains a DOCTYPE or entity declaration.', 'dtd');
  try {
    const options = { onError: onErrorStopParsing } as ConstructorParameters<typeof DOMParser>[0];
    return new DOMParser(options).parseFromString(xml, 'text/xml');
  } catch (e) {
    throw new XmlRefused(
      `The message is not well-formed XML: ${(e as Error).message}`,
      'malformed',
    );
  }
}

/** Element children of `el` (in document order), optionally only those with this namespace and local name. */
export function children(el: Element, ns?: string, localName?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== n.ELEMENT_NODE) continue;
    const e = n as Element;
    if (ns !== undefined && e.namespaceURI !== ns) continue;
    if (localName !== undefined && e.localName !== localName) continue;
    out.push(e);
  }
  return out;
}

export const child = (el: Element, ns: string, localName: string): Element | undefined =>
  children(el, ns, localName)[0];

/** Every descendant element with this namespace and local name. */
export function descendants(root: Document | Element, ns: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName));
}

/** The text of an element (concatenated text and CDATA children), trimmed. */
export const text = (el: Element | undefined): string => (el?.textContent ?? '').trim();

/** An attribute's value, or undefined when absent (getAttribute answers '' for absent in some DOMs). */
export const attr = (el: Element, name: string): string | undefined =>
  el.hasAttribute(name) ? (el.getAttribute(name) ?? undefined) : undefined;

/** Escapes text for XML character data and attribute values. */
export const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );

/** Escapes text for HTML. */
export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );

/** xs:dateTime as SAML writes it (UTC, milliseconds). */
export const samlTime = (ms: number): string => new Date(ms).toISOString();

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an xs:dateTime with an explicit zone (SAML requires UTC); undefined when malformed. */
export function parseSamlTime(value: string | undefined): number | undefined {
  if (value === undefined || !DATE_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
