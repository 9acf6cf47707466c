/**
 * Builds the bundled IdP's SAML Responses: the real one after a sign-in, and, for tests, any
 * crafted variant (other key, times, audience, recipient, destination, issuer, status, NameID
 * tricks, OneTimeUse, signature placement, wrapping) signed for real.
 */
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import type { IdpConfig } from '../../../../shared/model/idp.js';
import type { IdpDeps } from '../deps.js';
import { samlAcsUrl, samlSpEntityId } from '../../saml/sp-endpoints.js';
import { NS, STATUS_SUCCESS, child, children } from '../../saml/xml.js';
import type { SigningKeyPair } from './certificate.js';
import { readDirectoryUser, type SamlDirectoryUser } from './directory-user.js';
import { samlIdpSsoUrl } from './endpoints.js';
import { nameIdFor } from './name-id.js';
import { renderResponseXml } from './response-xml.js';
import { signResponseXml, type SignMode } from './response-signer.js';
import { samlSigningKey } from './signing-key.js';
import { samlProfile, type SamlAttribute, type SamlVendorProfile } from './vendor-profiles.js';

export type { SignMode };

export type BuilderContext = Pick<IdpDeps, 'store' | 'clock' | 'idps' | 'baseUrl' | 'tenantId'>;

/**
 * How a second, unsigned assertion is smuggled in after signing (XML signature wrapping):
 * - 'unsigned-assertion-first' / 'unsigned-assertion-last': a forged copy (other NameID, new ID,
 *   no signature) before / after the signed one;
 * - 'signature-moved': the forged copy takes the signed assertion's place and carries its
 *   signature, the original goes into samlp:Extensions (the signature still verifies).
 */
export type WrapAttack = 'unsigned-assertion-first' | 'unsigned-assertion-last' | 'signature-moved';

export interface BuildSamlResponseOptions {
  /** The directory user asserted (default: the IdP's first active user). */
  userName?: string;
  /** Or an explicit user (need not be in the directory). */
  user?: SamlDirectoryUser;
  /** The AuthnRequest ID answered; null or absent: unsolicited (IdP-initiated). */
  inResponseTo?: string | null;
  /** IssueInstant of Response and Assertion (default: the cloud clock). */
  now?: number;
  notBefore?: number;
  notOnOrAfter?: number;
  subjectNotOnOrAfter?: number;
  authnInstant?: number;
  /** Default: the cloud's SP entity ID for this IdP. */
  audience?: string;
  /** Default: the cloud's ACS URL for this IdP. */
  recipient?: string;
  /** Default: the ACS URL; null leaves Destination out. */
  destination?: string | null;
  /** Default: the IdP's entity ID. */
  issuer?: string;
  assertionIssuer?: string;
  status?: { code: string; subCode?: string; message?: string };
  /** Default: only with a Success status. */
  includeAssertion?: boolean;
  /** Replaces the user name as NameID; null leaves NameID out; '' sends it empty. */
  nameId?: string | null;
  /** The NameID element's content verbatim, e.g. 'alice@acme.example<!---->.evil.example'. */
  nameIdXml?: string;
  nameIdFormat?: string;
  /** Replaces the vendor's attributes. */
  attributes?: SamlAttribute[];
  oneTimeUse?: boolean;
  /** Default 'both'. */
  sign?: SignMode;
  /** Sign with this key (and put its certificate in KeyInfo) instead of the IdP's own. */
  signingKey?: SigningKeyPair;
  wrap?: WrapAttack;
  /** NameID of the forged assertion (default mallory@evil.example). */
  wrapUserName?: string;
  /** Applied last, to the signed XML (break a signature, add a DOCTYPE, pad it, ...). */
  transform?: (xml: string) => string;
}

export interface BuiltSamlResponse {
  /** The Response XML as sent. */
  xml: string;
  /** Base64 of xml: the SAMLResponse form field. */
  samlResponse: string;
  responseId: string;
  assertionId: string;
  /** Where the browser posts it. */
  acsUrl: string;
}

function defaultUser(ctx: BuilderContext, idpId: string): SamlDirectoryUser {
  const user = ctx.store.directory
    .list(idpId)
    .map(readDirectoryUser)
    .find((u) => u.active);
  return (
    user ?? {
      id: 'u1',
      userName: 'user@example.com',
      email: 'user@example.com',
      active: true,
      assigned: true,
      groups: [],
    }
  );
}

export async function buildSamlResponse(
  ctx: BuilderContext,
  idpId: string,
  opts: BuildSamlResponseOptions = {},
): Promise<BuiltSamlResponse> {
  const idp: IdpConfig = ctx.idps.get(idpId);
  const profile = samlProfile(idp.vendor);
  const ends: Ends = {
    entityId: profile.entityId(ctx, idp),
    acsUrl: samlAcsUrl(ctx, idpId),
    spEntityId: samlSpEntityId(ctx, idpId),
  };
  const now = opts.now ?? ctx.clock.now();
  const status = opts.status ?? { code: STATUS_SUCCESS };
  const includeAssertion = opts.includeAssertion ?? status.code === STATUS_SUCCESS;
  const inResponseTo = opts.inResponseTo ?? undefined;
  const responseId = profile.newId();
  const assertionId = profile.newId();
  const user = responseUser(ctx, idpId, opts);

  let xml = renderResponseXml({
    id: responseId,
    issueInstant: now,
    destination: opts.destination === null ? undefined : (opts.destination ?? ends.acsUrl),
    inResponseTo,
    issuer: opts.issuer ?? ends.entityId,
    status,
    assertion: includeAssertion
      ? assertionOf(ctx, idpId, profile, ends, user, opts, {
          id: assertionId,
          responseId,
          now,
          inResponseTo,
        })
      : null,
    style: {
      protocolPrefix: profile.prefixes.protocol,
      assertionPrefix: profile.prefixes.assertion,
      issuerFormat: profile.issuerFormat,
      typedAttributeValues: profile.typedAttributeValues,
    },
  });
  xml = await signAndTamper(ctx, idp, ends, xml, opts, includeAssertion);
  return {
    xml,
    samlResponse: Buffer.from(xml, 'utf8').toString('base64'),
    responseId,
    assertionId,
    acsUrl: ends.acsUrl,
  };
}

/** The IdP's entity ID and the cloud's (SP) entity ID and ACS URL for this IdP. */
interface Ends {
  entityId: string;
  acsUrl: string;
  spEntityId: string;
}

/** The user the response is about: given, found by userName in the directory, or a stand-in. */
function responseUser(
  ctx: BuilderContext,
  idpId: string,
  opts: BuildSamlResponseOptions,
): SamlDirectoryUser {
  if (opts.user) return opts.user;
  if (opts.userName === undefined) return defaultUser(ctx, idpId);
  const wanted = opts.userName.toLowerCase();
  const found = ctx.store.directory.list(idpId).find((u) => u.userName.toLowerCase() === wanted);
  return found
    ? readDirectoryUser(found)
    : {
        id: 'u0',
        userName: opts.userName,
        email: opts.userName,
        active: true,
        assigned: true,
        groups: [],
      };
}

type AssertionXml = NonNullable<Parameters<typeof renderResponseXml>[0]['assertion']>;

/** The assertion: subject, conditions and attributes as the vendor's profile writes them. */
function assertionOf(
  ctx: BuilderContext,
  idpId: string,
  profile: SamlVendorProfile,
  ends: Ends,
  user: SamlDirectoryUser,
  opts: BuildSamlResponseOptions,
  at: { id: string; responseId: string; now: number; inResponseTo: string | undefined },
): AssertionXml {
  const { now } = at;
  const asserted = nameIdFor(ctx.store, idpId, user);
  const nameIdValue = opts.nameId === undefined ? asserted.value : opts.nameId;
  return {
    id: at.id,
    issueInstant: now,
    issuer: opts.assertionIssuer ?? opts.issuer ?? ends.entityId,
    nameId:
      nameIdValue === null
        ? null
        : {
            value: nameIdValue,
            format: opts.nameIdFormat ?? asserted.format,
            ...(opts.nameIdXml !== undefined ? { rawXml: opts.nameIdXml } : {}),
          },
    recipient: opts.recipient ?? ends.acsUrl,
    subjectNotOnOrAfter: opts.subjectNotOnOrAfter ?? now + profile.subjectLifetimeMs,
    inResponseTo: at.inResponseTo,
    notBefore: opts.notBefore ?? now - profile.notBeforeSkewMs,
    notOnOrAfter: opts.notOnOrAfter ?? now + profile.assertionLifetimeMs,
    audience: opts.audience ?? ends.spEntityId,
    oneTimeUse: opts.oneTimeUse,
    authnInstant: opts.authnInstant ?? now,
    sessionIndex: at.responseId,
    authnContextClassRef: profile.authnContextClassRef,
    attributes: opts.attributes ?? profile.attributes(user, ends.entityId, ctx),
  };
}

/** Signs the response, then applies a test's wrapping or transform to the signed XML. */
async function signAndTamper(
  ctx: BuilderContext,
  idp: IdpConfig,
  ends: Ends,
  xml: string,
  opts: BuildSamlResponseOptions,
  includeAssertion: boolean,
): Promise<string> {
  const key = opts.signingKey ?? (await samlSigningKey(ctx, idp));
  // Every vendor profile signs the Assertion ("Always sign assertion" for Zscaler) and the
  // Response; the cloud's ACS refuses an unsigned Assertion. Other modes are for tests only.
  const sign = opts.sign ?? 'both';
  let signed = await signResponseXml(
    xml,
    {
      entityId: ends.entityId,
      ssoUrl: samlIdpSsoUrl(ctx, idp.id),
      certificate: key.certificatePem,
      privateKeyPem: key.privateKeyPem,
    },
    // A response without an assertion can only be signed as a whole.
    includeAssertion || sign === 'none' ? sign : 'response',
    { entityId: ends.spEntityId, acsUrl: ends.acsUrl },
  );
  if (opts.wrap && includeAssertion) {
    signed = wrapAssertion(
      signed,
      opts.wrap,
      opts.wrapUserName ?? 'mallory@evil.example',
      samlProfile(idp.vendor).newId(),
    );
  }
  return opts.transform ? opts.transform(signed) : signed;
}

/** Signature wrapping, done on the signed document (see WrapAttack). */
export function wrapAssertion(
  xml: string,
  attack: WrapAttack,
  forgedUser: string,
  forgedId: string,
) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const response = doc.documentElement!;
  const signed = child(response, NS.assertion, 'Assertion');
  if (!signed) throw new Error('wrapAssertion: no assertion to wrap');
  const forged = signed.cloneNode(true) as Element;
  forged.setAttribute('ID', forgedId);
  const signature = child(forged, NS.dsig, 'Signature');
  if (signature) forged.removeChild(signature);
  const subject = child(forged, NS.assertion, 'Subject');
  const nameId = subject && child(subject, NS.assertion, 'NameID');
  if (nameId) nameId.textContent = forgedUser;

  if (attack === 'unsigned-assertion-first') response.insertBefore(forged, signed);
  else if (attack === 'unsigned-assertion-last') response.appendChild(forged);
  else {
    // The forged assertion takes the original's place and carries its signature; the original
    // (without it) hides in Extensions, where the signature's reference still finds it.
    const originalSignature = child(signed, NS.dsig, 'Signature');
    if (!originalSignature) throw new Error('wrapAssertion: the assertion is not signed');
    signed.removeChild(originalSignature);
    const forgedIssuer = child(forged, NS.assertion, 'Issuer')!;
    forged.insertBefore(originalSignature, forgedIssuer.nextSibling);
    response.replaceChild(forged, signed);
    const prefix = response.prefix ? `${response.prefix}:` : '';
    const extensions = doc.createElementNS(NS.protocol, `${prefix}Extensions`);
    extensions.appendChild(signed);
    const status = children(response, NS.protocol, 'Status')[0]!;
    response.insertBefore(extensions, status);
  }
  return new XMLSerializer().serializeToString(doc);
}
