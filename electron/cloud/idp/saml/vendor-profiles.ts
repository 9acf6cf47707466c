/**
 * How each bundled SAML IdP flavour differs, where the real ones do: issuer (entity ID), IDs,
 * attribute names and formats, XML prefixes, lifetimes, certificate subject, login page look.
 * Everything else (signing, structure) is common.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { IdpConfig, IdpVendor } from '../../../../shared/model/idp.js';
import type { IdpDeps } from '../deps.js';
import type { CertificateSubject } from './certificate.js';
import type { SamlDirectoryUser } from './directory-user.js';
import { samlIdpMetadataUrl } from './endpoints.js';

export const ATTRNAME_UNSPECIFIED = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';
export const ATTRNAME_BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
export const ATTRNAME_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const AC_PPT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const AC_PASSWORD = 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password';

export interface SamlAttribute {
  name: string;
  nameFormat?: string;
  values: string[];
}

export interface LoginPageBrand {
  /** "Okta", "Microsoft", "PingFederate", "SAML IdP". */
  product: string;
  heading: string;
  button: string;
  /** The one message for every failed sign-in (never says which part was wrong). */
  badCredentials: string;
  /** Shown after a correct password when the user is not assigned to the application. */
  notAssigned: string;
  accent: string;
  footer: string;
}

export interface SamlVendorProfile {
  vendor: IdpVendor;
  brand: LoginPageBrand;
  /** The IdP entity ID: the Issuer of its responses. Deterministic, so restarts keep it. */
  entityId(
    ctx: Pick<IdpDeps, 'baseUrl' | 'tenantId'>,
    idp: Pick<IdpConfig, 'id' | 'domains'>,
  ): string;
  certificateSubject(idp: Pick<IdpConfig, 'id' | 'domains'>): CertificateSubject;
  certificateValidityMs: number;
  /** A fresh Response / Assertion ID (an xs:ID: starts with a letter or underscore). */
  newId(): string;
  /** NotBefore is back-dated by this much (clock skew allowance, as real IdPs do). */
  notBeforeSkewMs: number;
  /** Conditions NotOnOrAfter, from IssueInstant. */
  assertionLifetimeMs: number;
  /** SubjectConfirmationData NotOnOrAfter, from IssueInstant. */
  subjectLifetimeMs: number;
  authnContextClassRef: string;
  /** XML prefixes; '' puts the assertion in the default namespace (Entra does). */
  prefixes: { protocol: string; assertion: string };
  /** Whether Issuer carries Format="...:nameid-format:entity" (Okta does). */
  issuerFormat: boolean;
  /** Whether AttributeValues carry xsi:type="xs:string" (Okta's do). */
  typedAttributeValues: boolean;
  attributes(
    user: SamlDirectoryUser,
    entityId: string,
    ctx: Pick<IdpDeps, 'tenantId'>,
  ): SamlAttribute[];
}

const MINUTE = 60_000;
const YEAR = 365 * 24 * 60 * MINUTE;

const hash = (s: string) => createHash('sha256').update(s).digest();

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const base62 = (bytes: Buffer, length: number) =>
  Array.from(bytes.subarray(0, length), (b) => BASE62[b % 62]).join('');

/** A GUID derived from a string: stable across restarts. */
function guidFrom(s: string): string {
  const h = hash(s).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const firstDomain = (idp: Pick<IdpConfig, 'id' | 'domains'>) =>
  idp.domains[0] ?? `idp-${idp.id}.example`;

/** Attributes without values are left out, as IdPs do for empty profile fields. */
const attrs = (format: string | undefined, pairs: [string, string[] | string | undefined][]) =>
  pairs
    .map(([name, v]) => ({
      name,
      ...(format ? { nameFormat: format } : {}),
      values: (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => x !== ''),
    }))
    .filter((a) => a.values.length > 0);

const displayName = (u: SamlDirectoryUser) =>
  u.displayName ?? ([u.givenName, u.familyName].filter(Boolean).join(' ') || u.userName);

const okta: SamlVendorProfile = {
  vendor: 'okta',
  brand: {
    product: 'Okta',
    heading: 'Sign In',
    button: 'Sign In',
    badCredentials: 'Unable to sign in',
    notAssigned:
      "Sorry, you can't access this application because you are not assigned this app in Okta.",
    accent: '#1662dd',
    footer: 'Powered by Okta',
  },
  // Okta: http://www.okta.com/<app id>, app ids are "exk" + 17 characters.
  entityId: (_ctx, idp) => `http://www.okta.com/exk${base62(hash(`okta:${idp.id}`), 17)}`,
  certificateSubject: (idp) => ({
    rdns: [
      ['C', 'US'],
      ['ST', 'California'],
      ['L', 'San Francisco'],
      ['O', 'Okta'],
      ['OU', 'SSOProvider'],
      ['CN', `dev-${hash(`okta-org:${idp.id}`).readUInt32BE(0) % 100_000_000}`],
      ['emailAddress', 'info@okta.com'],
    ],
  }),
  certificateValidityMs: 10 * YEAR,
  newId: () => `id${Array.from({ length: 25 }, () => randomInt(10)).join('')}`,
  notBeforeSkewMs: 5 * MINUTE,
  assertionLifetimeMs: 5 * MINUTE,
  subjectLifetimeMs: 5 * MINUTE,
  authnContextClassRef: AC_PPT,
  prefixes: { protocol: 'saml2p', assertion: 'saml2' },
  issuerFormat: true,
  typedAttributeValues: true,
  attributes: (u) =>
    attrs(ATTRNAME_UNSPECIFIED, [
      ['firstName', u.givenName],
      ['lastName', u.familyName],
      ['email', u.email],
      ['department', u.department],
      ['groups', u.groups],
    ]),
};

const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
const MS_CLAIMS = 'http://schemas.microsoft.com/identity/claims';

const entra: SamlVendorProfile = {
  vendor: 'entra',
  brand: {
    product: 'Microsoft',
    heading: 'Sign in',
    button: 'Sign in',
    badCredentials: 'Your account or password is incorrect.',
    notAssigned:
      'AADSTS50105: Your administrator has configured the application to block users unless they are specifically granted access.',
    accent: '#0067b8',
    footer: 'Microsoft Entra ID',
  },
  entityId: (ctx, idp) => `https://sts.windows.net/${guidFrom(`entra:${ctx.tenantId}:${idp.id}`)}/`,
  certificateSubject: () => ({ rdns: [['CN', 'Microsoft Azure Federated SSO Certificate']] }),
  certificateValidityMs: 3 * YEAR,
  newId: () => `_${randomUUID()}`,
  notBeforeSkewMs: 5 * MINUTE,
  assertionLifetimeMs: 60 * MINUTE,
  subjectLifetimeMs: 5 * MINUTE,
  authnContextClassRef: AC_PASSWORD,
  prefixes: { protocol: 'samlp', assertion: '' },
  issuerFormat: false,
  typedAttributeValues: false,
  attributes: (u, entityId) =>
    attrs(undefined, [
      [`${MS_CLAIMS}/tenantid`, entityId.replace(/^https:\/\/sts\.windows\.net\/|\/$/g, '')],
      [`${MS_CLAIMS}/objectidentifier`, guidFrom(`entra-user:${u.id}`)],
      [`${CLAIMS}/name`, u.userName],
      [`${MS_CLAIMS}/displayname`, displayName(u)],
      [`${MS_CLAIMS}/identityprovider`, entityId],
      [`${CLAIMS}/givenname`, u.givenName],
      [`${CLAIMS}/surname`, u.familyName],
      [`${CLAIMS}/emailaddress`, u.email],
      ['http://schemas.microsoft.com/ws/2008/06/identity/claims/groups', u.groups],
    ]),
};

const ping: SamlVendorProfile = {
  vendor: 'ping',
  brand: {
    product: 'PingFederate',
    heading: 'Sign On',
    button: 'Sign On',
    badCredentials: "We didn't recognize the username or password you entered. Please try again.",
    notAssigned: 'You are not authorized to access this application.',
    accent: '#b3282d',
    footer: 'Powered by PingFederate',
  },
  entityId: (_ctx, idp) => `https://pingfederate.${firstDomain(idp)}:9031`,
  certificateSubject: (idp) => ({
    rdns: [
      ['C', 'US'],
      ['O', firstDomain(idp)],
      ['CN', `pingfederate.${firstDomain(idp)}`],
    ],
  }),
  certificateValidityMs: 2 * YEAR,
  newId: () => `${BASE62[10 + randomInt(52)]}${base62(randomBytes(26), 26)}`,
  notBeforeSkewMs: 5 * MINUTE,
  assertionLifetimeMs: 5 * MINUTE,
  subjectLifetimeMs: 5 * MINUTE,
  authnContextClassRef: AC_PPT,
  prefixes: { protocol: 'samlp', assertion: 'saml' },
  issuerFormat: false,
  typedAttributeValues: false,
  attributes: (u) =>
    attrs(ATTRNAME_BASIC, [
      ['FirstName', u.givenName],
      ['LastName', u.familyName],
      ['Email', u.email],
      ['Department', u.department],
      ['memberOf', u.groups],
    ]),
};

const generic: SamlVendorProfile = {
  vendor: 'generic',
  brand: {
    product: 'SAML IdP',
    heading: 'Sign in',
    button: 'Sign in',
    badCredentials: 'Invalid username or password.',
    notAssigned: 'You are not assigned to this application.',
    accent: '#3d4b5c',
    footer: 'Mock SAML 2.0 identity provider',
  },
  entityId: (ctx, idp) => samlIdpMetadataUrl(ctx, idp.id),
  certificateSubject: (idp) => ({
    rdns: [
      ['O', 'Mock SAML IdP'],
      ['CN', `idp-${idp.id}`],
    ],
  }),
  certificateValidityMs: 5 * YEAR,
  newId: () => `_${randomBytes(20).toString('hex')}`,
  notBeforeSkewMs: 5 * MINUTE,
  assertionLifetimeMs: 5 * MINUTE,
  subjectLifetimeMs: 5 * MINUTE,
  authnContextClassRef: AC_PPT,
  prefixes: { protocol: 'samlp', assertion: 'saml' },
  issuerFormat: false,
  typedAttributeValues: false,
  attributes: (u) =>
    attrs(ATTRNAME_BASIC, [
      ['givenName', u.givenName],
      ['surname', u.familyName],
      ['email', u.email],
      ['department', u.department],
      ['groups', u.groups],
    ]),
};

export const SAML_VENDOR_PROFILES: Record<IdpVendor, SamlVendorProfile> = {
  okta,
  entra,
  ping,
  generic,
};

export const samlProfile = (vendor: IdpVendor): SamlVendorProfile => SAML_VENDOR_PROFILES[vendor];

/** The entity ID (Issuer) of a bundled SAML IdP. */
export const samlIdpEntityId = (
  ctx: Pick<IdpDeps, 'baseUrl' | 'tenantId'>,
  idp: Pick<IdpConfig, 'id' | 'domains' | 'vendor'>,
) => samlProfile(idp.vendor).entityId(ctx, idp);
