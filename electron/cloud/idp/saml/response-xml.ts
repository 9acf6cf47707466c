/**
 * Renders an unsigned SAML 2.0 Response (saml-core §3.3.3, Web Browser SSO profile) from explicit
 * values. Pure: the IdP's login and the tests' crafted responses both come through here, then
 * through response-signer.ts.
 */
import { CM_BEARER, NAMEID_ENTITY, NS, escapeXml as x, samlTime } from '../../saml/xml.js';
import type { SamlAttribute } from './vendor-profiles.js';

export interface AssertionParams {
  id: string;
  issueInstant: number;
  /** Defaults to the Response's Issuer. */
  issuer?: string;
  /** null leaves out the NameID element. */
  nameId: {
    value: string;
    format: string;
    /** Test hook: the element's content verbatim (a comment inside, say) instead of value. */
    rawXml?: string;
  } | null;
  recipient: string;
  subjectNotOnOrAfter: number;
  /** Undefined leaves InResponseTo out (IdP-initiated). */
  inResponseTo?: string;
  notBefore: number;
  notOnOrAfter: number;
  audience: string;
  oneTimeUse?: boolean;
  authnInstant: number;
  sessionIndex: string;
  authnContextClassRef: string;
  attributes: SamlAttribute[];
}

export interface ResponseParams {
  id: string;
  issueInstant: number;
  /** Undefined leaves Destination out. */
  destination?: string;
  inResponseTo?: string;
  issuer: string;
  status: { code: string; subCode?: string; message?: string };
  /** null: no assertion (what IdPs send with a failure status). */
  assertion: AssertionParams | null;
  style: {
    protocolPrefix: string;
    /** '' puts assertion elements in the default namespace. */
    assertionPrefix: string;
    issuerFormat: boolean;
    typedAttributeValues: boolean;
  };
}

const opt = (name: string, value: string | undefined) =>
  value === undefined ? '' : ` ${name}="${x(value)}"`;

export function renderResponseXml(p: ResponseParams): string {
  const P = p.style.protocolPrefix;
  const A = p.style.assertionPrefix;
  const a = (local: string) => (A ? `${A}:${local}` : local);
  const aNs = A ? '' : ` xmlns="${NS.assertion}"`;
  const issuer = (value: string) =>
    `<${a('Issuer')}${aNs}${p.style.issuerFormat ? ` Format="${NAMEID_ENTITY}"` : ''}>${x(value)}</${a('Issuer')}>`;

  const status =
    `<${P}:Status><${P}:StatusCode Value="${x(p.status.code)}">` +
    (p.status.subCode ? `<${P}:StatusCode Value="${x(p.status.subCode)}"/>` : '') +
    `</${P}:StatusCode>` +
    (p.status.message ? `<${P}:StatusMessage>${x(p.status.message)}</${P}:StatusMessage>` : '') +
    `</${P}:Status>`;

  return (
    `<${P}:Response xmlns:${P}="${NS.protocol}"${A ? ` xmlns:${A}="${NS.assertion}"` : ''}` +
    ` ID="${x(p.id)}" Version="2.0" IssueInstant="${samlTime(p.issueInstant)}"` +
    `${opt('Destination', p.destination)}${opt('InResponseTo', p.inResponseTo)}>` +
    issuer(p.issuer) +
    status +
    (p.assertion
      ? renderAssertion(p.assertion, p.issuer, a, aNs, issuer, p.style.typedAttributeValues)
      : '') +
    `</${P}:Response>`
  );
}

function renderAssertion(
  s: AssertionParams,
  responseIssuer: string,
  a: (local: string) => string,
  aNs: string,
  issuer: (value: string) => string,
  typed: boolean,
): string {
  const nameId = s.nameId
    ? `<${a('NameID')} Format="${x(s.nameId.format)}">${s.nameId.rawXml ?? x(s.nameId.value)}</${a('NameID')}>`
    : '';
  const value = (v: string) =>
    typed
      ? `<${a('AttributeValue')} xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}" xsi:type="xs:string">${x(v)}</${a('AttributeValue')}>`
      : `<${a('AttributeValue')}>${x(v)}</${a('AttributeValue')}>`;
  const attributes = s.attributes.length
    ? `<${a('AttributeStatement')}>` +
      s.attributes
        .map(
          (at) =>
            `<${a('Attribute')} Name="${x(at.name)}"${opt('NameFormat', at.nameFormat)}>` +
            at.values.map(value).join('') +
            `</${a('Attribute')}>`,
        )
        .join('') +
      `</${a('AttributeStatement')}>`
    : '';
  return (
    `<${a('Assertion')}${aNs} ID="${x(s.id)}" IssueInstant="${samlTime(s.issueInstant)}" Version="2.0">` +
    issuer(s.issuer ?? responseIssuer).replace(aNs, '') +
    `<${a('Subject')}>${nameId}` +
    `<${a('SubjectConfirmation')} Method="${CM_BEARER}">` +
    `<${a('SubjectConfirmationData')}${opt('InResponseTo', s.inResponseTo)}` +
    ` NotOnOrAfter="${samlTime(s.subjectNotOnOrAfter)}" Recipient="${x(s.recipient)}"/>` +
    `</${a('SubjectConfirmation')}></${a('Subject')}>` +
    `<${a('Conditions')} NotBefore="${samlTime(s.notBefore)}" NotOnOrAfter="${samlTime(s.notOnOrAfter)}">` +
    `<${a('AudienceRestriction')}><${a('Audience')}>${x(s.audience)}</${a('Audience')}></${a('AudienceRestriction')}>` +
    (s.oneTimeUse ? `<${a('OneTimeUse')}/>` : '') +
    `</${a('Conditions')}>` +
    `<${a('AuthnStatement')} AuthnInstant="${samlTime(s.authnInstant)}" SessionIndex="${x(s.sessionIndex)}">` +
    `<${a('AuthnContext')}><${a('AuthnContextClassRef')}>${x(s.authnContextClassRef)}</${a('AuthnContextClassRef')}></${a('AuthnContext')}>` +
    `</${a('AuthnStatement')}>` +
    attributes +
    `</${a('Assertion')}>`
  );
}
