/** Crafted SAML Responses for the validator's unit tests: rendered, then signed for real. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateSigningKeyPair,
  type SigningKeyPair,
} from '../../../electron/cloud/idp/saml/certificate.js';
import {
  renderResponseXml,
  type ResponseParams,
} from '../../../electron/cloud/idp/saml/response-xml.js';
import {
  signResponseXml,
  type SignMode,
} from '../../../electron/cloud/idp/saml/response-signer.js';
import { expect } from 'vitest';
import { AuthError } from '../../../electron/cloud/auth/auth-error.js';
import {
  validateSamlResponse,
  type SamlExpectations,
} from '../../../electron/cloud/auth/saml-validate.js';

export const IDP = 'http://www.okta.com/exkUnitTest0000000001';
export const SP = 'http://cloud.test/auth/saml/1/metadata';
export const ACS = 'http://cloud.test/auth/saml/1/acs';
export const REQUEST_ID = '_request-1';
export const NOW = Date.parse('2030-06-01T12:00:00.000Z');
export const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

let keys: Promise<TestKeys> | undefined;

type TestKeys = { idp: SigningKeyPair; attacker: SigningKeyPair; expired: SigningKeyPair };

async function generateTestKeys(): Promise<TestKeys> {
  return {
    idp: await generateSigningKeyPair(
      { rdns: [['CN', 'idp']] },
      NOW - 86_400_000,
      NOW + 365 * 86_400_000,
    ),
    attacker: await generateSigningKeyPair(
      { rdns: [['CN', 'attacker']] },
      NOW - 86_400_000,
      NOW + 365 * 86_400_000,
    ),
    expired: await generateSigningKeyPair(
      { rdns: [['CN', 'old']] },
      NOW - 2 * 86_400_000,
      NOW - 86_400_000,
    ),
  };
}

/**
 * Generated once per test file. Under Stryker, which reruns the file for every mutant, once per
 * mutation run: kept in a temporary file (three RSA keys per mutant would dominate the run).
 */
export function testKeys() {
  keys ??= (async () => {
    if (process.env.STRYKER_MUTATOR_WORKER === undefined) return generateTestKeys();
    const cache = join(tmpdir(), `saml-unit-test-keys-${process.ppid}.json`);
    if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as TestKeys;
    const generated = await generateTestKeys();
    writeFileSync(cache, JSON.stringify(generated), { mode: 0o600 });
    return generated;
  })();
  return keys;
}

export type AssertionOverrides = Partial<NonNullable<ResponseParams['assertion']>>;

export function responseParams(
  over: Partial<Omit<ResponseParams, 'assertion'>> = {},
  assertion: AssertionOverrides | null = {},
): ResponseParams {
  return {
    id: 'id-response-1',
    issueInstant: NOW,
    destination: ACS,
    inResponseTo: REQUEST_ID,
    issuer: IDP,
    status: { code: SUCCESS },
    style: {
      protocolPrefix: 'saml2p',
      assertionPrefix: 'saml2',
      issuerFormat: true,
      typedAttributeValues: true,
    },
    ...over,
    assertion:
      assertion === null
        ? null
        : {
            id: 'id-assertion-1',
            issueInstant: NOW,
            nameId: {
              value: 'alice@acme.example',
              format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
            },
            recipient: ACS,
            subjectNotOnOrAfter: NOW + 300_000,
            inResponseTo: REQUEST_ID,
            notBefore: NOW - 300_000,
            notOnOrAfter: NOW + 300_000,
            audience: SP,
            authnInstant: NOW - 1000,
            sessionIndex: 'id-response-1',
            authnContextClassRef:
              'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
            attributes: [
              { name: 'firstName', values: ['Alice'] },
              { name: 'groups', values: ['Engineering', 'ZPA Users'] },
            ],
            ...assertion,
          },
  };
}

/** Renders and signs (default: both the Assertion and the Response, with the IdP's key). */
export async function signed(
  params: ResponseParams = responseParams(),
  mode: SignMode = 'both',
  key?: SigningKeyPair,
): Promise<string> {
  return signXml(renderResponseXml(params), mode, key);
}

/** Signs XML as it is (for structures the renderer does not make). */
export async function signXml(xml: string, mode: SignMode = 'both', key?: SigningKeyPair) {
  const k = key ?? (await testKeys()).idp;
  return signResponseXml(
    xml,
    {
      entityId: IDP,
      ssoUrl: 'http://cloud.test/idp/1/saml/sso',
      certificate: k.certificatePem,
      privateKeyPem: k.privateKeyPem,
    },
    mode,
    { entityId: SP, acsUrl: ACS },
  );
}

export async function expectations(
  over: Partial<SamlExpectations> = {},
): Promise<SamlExpectations> {
  return {
    idpEntityId: IDP,
    certificatePem: (await testKeys()).idp.certificatePem,
    spEntityId: SP,
    acsUrl: ACS,
    now: NOW,
    requestId: REQUEST_ID,
    ...over,
  };
}

/** What the validator expects of the crafted responses: expectations() as they are. */
export const EXPECTED = await expectations();

/** An ISO 8601 time, as the responses' time attributes carry it. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** The code and message of the validator's refusal of `xml`; fails the test if it accepts it. */
export function refusalOf(
  xml: string,
  e: SamlExpectations = EXPECTED,
): { code: string; message: string } {
  try {
    validateSamlResponse(xml, e);
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError);
    return { code: (err as AuthError).code, message: (err as AuthError).message };
  }
  throw new Error('expected a refusal, the response was accepted');
}
