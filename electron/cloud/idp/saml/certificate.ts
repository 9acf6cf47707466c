/**
 * Self-signed X.509 certificates for the bundled IdPs' SAML signing keys, built with node:crypto
 * and a few lines of DER (RFC 5280): version 3, sha256WithRSAEncryption, subject = issuer.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

/** A signing key and its certificate, PEM encoded. */
export interface SigningKeyPair {
  privateKeyPem: string;
  certificatePem: string;
}

export interface CertificateSubject {
  /** Relative distinguished names in order, e.g. [['O', 'Okta'], ['CN', 'dev-123']]. */
  rdns: readonly (readonly [keyof typeof ATTRIBUTE_OIDS, string])[];
}

const ATTRIBUTE_OIDS = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  emailAddress: '1.2.840.113549.1.9.1',
} as const;

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

// --- DER -------------------------------------------------------------------------------------

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const nullValue = () => Buffer.from([0x05, 0x00]);

function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) b = b.subarray(1);
  if ((b[0]! & 0x80) !== 0) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [];
    let v = part;
    do {
      chunk.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2025-01-02T03:04:05.678Z
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '') + 'Z'; // 20250102030405Z
  const year = new Date(ms).getUTCFullYear();
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  return year < 2050
    ? tlv(0x17, Buffer.from(digits.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(digits, 'ascii'));
}

function name(subject: CertificateSubject): Buffer {
  return sequence(
    ...subject.rdns.map(([type, value]) =>
      set(
        sequence(
          oid(ATTRIBUTE_OIDS[type]),
          // countryName is a PrintableString; emailAddress an IA5String; the rest UTF8String.
          tlv(type === 'C' ? 0x13 : type === 'emailAddress' ? 0x16 : 0x0c, Buffer.from(value)),
        ),
      ),
    ),
  );
}

// --- certificates ----------------------------------------------------------------------------

/** Builds a self-signed certificate for `privateKey` (RSA), valid from notBefore to notAfter. */
export function selfSignedCertificate(
  privateKey: KeyObject,
  subject: CertificateSubject,
  notBefore: number,
  notAfter: number,
): string {
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const algorithm = sequence(oid(SHA256_WITH_RSA), nullValue());
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // [0] EXPLICIT version v3
    integer(serial),
    algorithm,
    name(subject),
    sequence(time(notBefore), time(notAfter)),
    name(subject),
    spki,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** Generates an RSA-2048 key and a self-signed certificate for it. */
export async function generateSigningKeyPair(
  subject: CertificateSubject,
  notBefore: number,
  notAfter: number,
): Promise<SigningKeyPair> {
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: selfSignedCertificate(privateKey, subject, notBefore, notAfter),
  };
}

export {
  certificateBody,
  certificateFingerprint,
  parseCertificate,
  toPem,
} from '../../saml/pem.js';

/** A private key object from PEM, for signing. */
export const privateKeyFromPem = (pem: string) => createPrivateKey(pem);
