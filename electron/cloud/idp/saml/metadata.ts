/**
 * The IdP's SAML metadata (saml-metadata §2.4.3): entity ID, signing certificate, NameID format
 * and the SSO service for both bindings. The IdP's samlify entity is built from this same
 * document, so what an SP downloads is exactly what signs.
 */
import {
  BINDING_POST,
  BINDING_REDIRECT,
  NAMEID_EMAIL,
  NS,
  escapeXml as x,
} from '../../saml/xml.js';
import { certificateBody } from './certificate.js';

export interface IdpMetadataParams {
  entityId: string;
  ssoUrl: string;
  /** PEM or base64 DER. */
  certificate: string;
}

export function renderIdpMetadata(p: IdpMetadataParams): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" entityID="${x(p.entityId)}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${NS.protocol}">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="${NS.dsig}"><ds:X509Data>` +
    `<ds:X509Certificate>${certificateBody(p.certificate)}</ds:X509Certificate>` +
    `</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:NameIDFormat>${NAMEID_EMAIL}</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="${BINDING_REDIRECT}" Location="${x(p.ssoUrl)}"/>` +
    `<md:SingleSignOnService Binding="${BINDING_POST}" Location="${x(p.ssoUrl)}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>\n`
  );
}
