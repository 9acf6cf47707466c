/** PEM certificates: what both SAML sides (the bundled IdPs and the cloud's ACS) read. */
import { createHash, X509Certificate } from 'node:crypto';

/** The base64 DER body of a PEM certificate (what metadata and KeyInfo carry). */
export const certificateBody = (pem: string): string =>
  pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

/** Turns a base64 body (or a PEM) into a PEM certificate. */
export function toPem(certificate: string): string {
  const body = certificateBody(certificate);
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** SHA-256 fingerprint as IdP consoles show it: upper-case hex pairs joined by colons. */
export function certificateFingerprint(pem: string): string {
  const hex = createHash('sha256')
    .update(Buffer.from(certificateBody(pem), 'base64'))
    .digest('hex')
    .toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** Parses a certificate (throws on malformed input); node checks the DER for us. */
export const parseCertificate = (pem: string) => new X509Certificate(toPem(pem));
