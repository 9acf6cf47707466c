/**
 * SAML sign-in over real HTTP: the cloud as SP (AuthnRequest, ACS, SP metadata) and the bundled
 * SAML IdPs (metadata, SSO with the IdP's own login page, signed responses), per vendor flavour,
 * and every refusal of the ACS with a response crafted and signed for real, each with its code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../shared/errors/index.js';
import type { IdpConfig } from '../../shared/model/idp.js';
import { renderAuthnRequest } from '../../electron/cloud/auth/saml-sp.js';
import { samlAcsUrl, samlSpEntityId } from '../../electron/cloud/saml/sp-endpoints.js';
import {
  buildSamlResponse,
  generateSigningKeyPair,
  samlIdpEntityId,
  samlIdpSsoUrl,
  samlSigningKey,
  type BuildSamlResponseOptions,
  type SigningKeyPair,
} from '../../electron/cloud/idp/saml/index.js';
import { hashPassword } from '../../electron/cloud/security/passwords.js';
import { DEMO_PASSWORD } from '../../electron/cloud/seed/demo-tenant.js';
import { LOOPBACK_REDIRECT } from '../../electron/connector/browser-port.js';
import { admin } from '../helpers/cloud.js';
import {
  alertText,
  exchangeCode,
  postForm,
  readForm,
  runBrowser,
  startLogin,
  startSamlTestCloud,
  type SamlTestCloud,
  type StartedLogin,
} from '../helpers/saml.js';

const ALICE = 'alice@acme.example';
const STATUS = 'urn:oasis:names:tc:SAML:2.0:status:';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';

let t: SamlTestCloud;
let okta: IdpConfig;
let otherKey: SigningKeyPair;

beforeAll(async () => {
  t = await startSamlTestCloud();
  okta = t.cloud.idps.list().find((i) => i.name === 'Okta (SAML)')!;
  otherKey = await generateSigningKeyPair(
    { rdns: [['CN', 'attacker']] },
    Date.now(),
    Date.now() + 86_400_000,
  );
});

afterAll(async () => {
  await t?.close();
});

const samlAdmin = () => ({
  get: (path: string) =>
    fetch(`${t.baseUrl}/api/admin${path}`, {
      headers: { authorization: `Bearer ${t.cloud.adminToken}` },
    }),
  post: (path: string, token = t.cloud.adminToken) =>
    fetch(`${t.baseUrl}/api/admin${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    }),
});

const acsOf = (idpId: string) => samlAcsUrl(t.ctx, idpId);

/** Posts a crafted response to the ACS (RelayState = the started login's request ID). */
async function postCrafted(
  idp: IdpConfig,
  started: StartedLogin | undefined,
  opts: BuildSamlResponseOptions = {},
) {
  const built = await buildSamlResponse(t.ctx, idp.id, {
    inResponseTo: started?.requestId,
    ...opts,
  });
  return postForm(acsOf(idp.id), {
    SAMLResponse: built.samlResponse,
    RelayState: started?.requestId,
  });
}

/**
 * Asserts a refusal: with a known pending sign-in, a 302 to the connector's redirect URI with
 * error=<code> and its state; without one, a 400 HTML page showing the code.
 */
async function expectRefused(
  res: Response,
  code: string,
  started?: StartedLogin,
  detail?: RegExp,
): Promise<string> {
  if (started) {
    const body = res.status === 302 ? '' : await res.text();
    expect(res.status, body).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.toString().startsWith(LOOPBACK_REDIRECT)).toBe(true);
    expect(
      location.searchParams.get('error'),
      location.searchParams.get('error_description') ?? '',
    ).toBe(code);
    expect(location.searchParams.get('state')).toBe(started.pending.state);
    expect(location.searchParams.get('code')).toBeNull();
    const message = location.searchParams.get('error_description') ?? '';
    if (detail) expect(message).toMatch(detail);
    return message;
  }
  const html = await res.text();
  expect(res.status, html).toBe(400);
  expect(res.headers.get('content-type')).toContain('text/html');
  const doc = parse(html);
  expect(doc.querySelector('[data-testid=error-code]')?.text).toBe(code);
  expect(doc.querySelector('h1')?.text).toBe(describeError(code).title);
  expect(doc.querySelector('[data-testid=error-message]')?.text).toBe(describeError(code).message);
  const message = doc.querySelector('[data-testid=error-detail]')?.text ?? '';
  if (detail) expect(message).toMatch(detail);
  return message;
}

async function createSamlIdp(
  vendor: IdpConfig['vendor'],
  domain: string,
  users: {
    userName: string;
    givenName: string;
    familyName: string;
    groups: string[];
    active?: boolean;
    assigned?: boolean;
  }[],
): Promise<IdpConfig> {
  const res = await admin(t.cloud).post('/idps', {
    name: `${vendor} SAML ${domain}`,
    protocol: 'saml',
    vendor,
    domains: [domain],
  });
  expect(res.status, res.text).toBe(201);
  const idp = res.body as IdpConfig;
  const password = hashPassword('Secret#123');
  for (const [i, u] of users.entries()) {
    t.cloud.store.directory.upsert(idp.id, {
      id: `00u${vendor}${i}`,
      userName: u.userName,
      givenName: u.givenName,
      familyName: u.familyName,
      displayName: `${u.givenName} ${u.familyName}`,
      email: u.userName,
      department: 'Engineering',
      title: 'Engineer',
      groups: u.groups,
      active: u.active ?? true,
      assigned: u.assigned ?? true,
      password,
    });
  }
  return idp;
}

/** A whole sign-in: start, IdP page, credentials, auto-post, ACS, one-time code exchange. */
async function signIn(idp: IdpConfig, username: string, password: string) {
  const started = await startLogin(t, idp, username);
  const run = await runBrowser(started.loginUrl, username, password);
  expect(run.acs.status).toBe(302);
  expect(
    run.location?.searchParams.get('error'),
    run.location?.searchParams.get('error_description') ?? '',
  ).toBeNull();
  expect(run.location!.searchParams.get('state')).toBe(started.pending.state);
  const exchanged = await exchangeCode(
    t,
    run.location!.searchParams.get('code')!,
    started.codeVerifier,
  );
  expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(200);
  return {
    started,
    run,
    session: exchanged.body.session,
    xml: Buffer.from(run.autoPost.fields.SAMLResponse!, 'base64').toString('utf8'),
  };
}

describe('SP-initiated sign-in', () => {
  it('runs start → IdP login page → credentials → auto-submit → ACS → code → session', async () => {
    const started = await startLogin(t, okta, ALICE);
    const url = new URL(started.loginUrl);
    expect(url.toString().startsWith(samlIdpSsoUrl(t.ctx, okta.id))).toBe(true);
    expect(url.searchParams.get('SAMLRequest')).toBeTruthy();

    // The IdP's own login page: labelled fields, the Okta look, the username pre-filled.
    const page = await fetch(started.loginUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    const doc = parse(html);
    expect(doc.querySelector('label[for=username]')?.text).toBe('Username');
    expect(doc.querySelector('label[for=password]')?.text).toBe('Password');
    expect(doc.querySelector('.brand')?.text).toBe('Okta');
    expect(doc.querySelector('#username')?.getAttribute('value')).toBe(ALICE);
    expect(doc.querySelector('button[type=submit]')?.text).toBe('Sign In');

    const form = readForm(html, started.loginUrl)!;
    const answer = await postForm(form.action, {
      ...form.fields,
      username: ALICE,
      password: DEMO_PASSWORD,
    });
    expect(answer.status).toBe(200);
    const autoHtml = await answer.text();
    expect(autoHtml).toContain('document.forms[0].submit()');
    const nonce = /script-src 'nonce-([^']+)'/.exec(
      answer.headers.get('content-security-policy') ?? '',
    )?.[1];
    expect(autoHtml).toContain(`nonce="${nonce}"`);
    const autoPost = readForm(autoHtml, form.action)!;
    expect(autoPost.method).toBe('POST');
    expect(autoPost.action).toBe(acsOf(okta.id));
    expect(autoPost.fields.RelayState).toBe(started.requestId);

    const acs = await postForm(autoPost.action, autoPost.fields);
    expect(acs.status).toBe(302);
    const location = new URL(acs.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(LOOPBACK_REDIRECT);
    expect(location.searchParams.get('state')).toBe(started.pending.state);

    const { status, body } = await exchangeCode(
      t,
      location.searchParams.get('code')!,
      started.codeVerifier,
    );
    expect(status).toBe(200);
    expect(body.session).toMatchObject({
      idpId: okta.id,
      protocol: 'saml',
      userName: ALICE,
      deviceId: started.pending.deviceId,
      attributes: {
        firstName: ['Alice'],
        lastName: ['Anders'],
        email: [ALICE],
        department: ['Engineering'],
        groups: ['Engineering', 'ZPA Users'],
      },
    });
  });

  it('the Okta response: both Response and Assertion signed, Okta issuer, back-dated NotBefore, bound to the request', async () => {
    const { xml, started } = await signIn(okta, 'bob@acme.example', DEMO_PASSWORD);
    const entityId = samlIdpEntityId(t.ctx, okta);
    expect(entityId).toMatch(/^http:\/\/www\.okta\.com\/exk[0-9A-Za-z]{17}$/);
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const one = (local: string, ns = SAML) => doc.getElementsByTagNameNS(ns, local)[0]!;
    const response = one('Response', SAMLP);
    expect(response.getAttribute('Destination')).toBe(acsOf(okta.id));
    expect(response.getAttribute('InResponseTo')).toBe(started.requestId);
    expect(response.getAttribute('ID')).toMatch(/^id\d{25}$/);
    // Response signature right after the Response Issuer, Assertion signature after its Issuer.
    const signatures = xml.match(/<ds:Signature /g) ?? [];
    expect(signatures).toHaveLength(2);
    expect(xml).toMatch(/<\/saml2:Issuer><ds:Signature[\s\S]*<saml2p:Status>/);
    expect(xml).toMatch(
      /<saml2:Assertion [^>]*><saml2:Issuer[^>]*>[^<]*<\/saml2:Issuer><ds:Signature/,
    );
    expect(one('Issuer').textContent).toBe(entityId);
    expect(one('NameID').getAttribute('Format')).toBe(
      'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    );
    expect(one('Audience').textContent).toBe(samlSpEntityId(t.ctx, okta.id));
    const confirmation = one('SubjectConfirmationData');
    expect(confirmation.getAttribute('Recipient')).toBe(acsOf(okta.id));
    expect(confirmation.getAttribute('InResponseTo')).toBe(started.requestId);
    const conditions = one('Conditions');
    const issued = Date.parse(response.getAttribute('IssueInstant')!);
    expect(issued - Date.parse(conditions.getAttribute('NotBefore')!)).toBe(5 * 60_000);
    expect(Date.parse(conditions.getAttribute('NotOnOrAfter')!) - issued).toBe(5 * 60_000);
  });

  it('accepts the HTTP-POST binding at the IdP SSO service', async () => {
    const xml = renderAuthnRequest({
      id: '_post-binding-request',
      issueInstant: t.ctx.clock.now(),
      destination: samlIdpSsoUrl(t.ctx, okta.id),
      acsUrl: acsOf(okta.id),
      spEntityId: samlSpEntityId(t.ctx, okta.id),
    });
    const res = await postForm(samlIdpSsoUrl(t.ctx, okta.id), {
      SAMLRequest: Buffer.from(xml).toString('base64'),
      RelayState: 'rs',
    });
    expect(res.status).toBe(200);
    const form = readForm(await res.text(), samlIdpSsoUrl(t.ctx, okta.id))!;
    expect(form.fields).toMatchObject({ binding: 'post', RelayState: 'rs' });
    const answer = await postForm(form.action, {
      ...form.fields,
      username: ALICE,
      password: DEMO_PASSWORD,
    });
    const autoPost = readForm(await answer.text(), form.action)!;
    const response = Buffer.from(autoPost.fields.SAMLResponse!, 'base64').toString('utf8');
    expect(response).toContain('InResponseTo="_post-binding-request"');
  });

  it('the IdP refuses AuthnRequests that are malformed or from another SP', async () => {
    const sso = samlIdpSsoUrl(t.ctx, okta.id);
    const bad = await fetch(`${sso}?SAMLRequest=not-deflate`);
    expect(bad.status).toBe(400);
    expect(alertText(await bad.text())).toMatch(/not DEFLATE|not base64/);

    const foreign = renderAuthnRequest({
      id: '_foreign',
      issueInstant: t.ctx.clock.now(),
      destination: sso,
      acsUrl: 'https://evil.example/acs',
      spEntityId: 'https://evil.example/sp',
    });
    const res = await postForm(sso, { SAMLRequest: Buffer.from(foreign).toString('base64') });
    expect(res.status).toBe(400);
    expect(alertText(await res.text())).toContain('https://evil.example/sp');

    const noIdp = await fetch(`${t.baseUrl}/idp/999/saml/metadata`);
    expect(noIdp.status).toBe(404);
  });

  it('bad credentials re-show the form with one message that never says which part was wrong', async () => {
    const started = await startLogin(t, okta, ALICE);
    const page = await fetch(started.loginUrl);
    const form = readForm(await page.text(), started.loginUrl)!;
    const inactive = 'inactive@acme.example';
    t.cloud.store.directory.upsert(okta.id, {
      id: '00uinactive1',
      userName: inactive,
      givenName: 'Ina',
      familyName: 'Ctive',
      email: inactive,
      active: false,
      assigned: true,
      password: hashPassword(DEMO_PASSWORD),
    });
    const messages: (string | undefined)[] = [];
    for (const [username, password] of [
      [ALICE, 'wrong-password'],
      ['nobody@acme.example', DEMO_PASSWORD],
      [inactive, DEMO_PASSWORD],
      ['', ''],
    ]) {
      const res = await postForm(form.action, { ...form.fields, username, password });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain('SAMLResponse" value');
      const again = readForm(html, form.action)!;
      expect(again.fields.SAMLRequest).toBe(form.fields.SAMLRequest);
      expect(again.fields.RelayState).toBe(started.requestId);
      messages.push(alertText(html));
    }
    expect(new Set(messages)).toEqual(new Set(['Unable to sign in']));
  });

  it('a user not assigned to the app is told so after a correct password', async () => {
    const unassigned = 'unassigned@acme.example';
    t.cloud.store.directory.upsert(okta.id, {
      id: '00uunassigned1',
      userName: unassigned,
      givenName: 'Una',
      familyName: 'Ssigned',
      email: unassigned,
      active: true,
      assigned: false,
      password: hashPassword(DEMO_PASSWORD),
    });
    const started = await startLogin(t, okta, unassigned);
    const form = readForm(await (await fetch(started.loginUrl)).text(), started.loginUrl)!;
    const res = await postForm(form.action, {
      ...form.fields,
      username: unassigned,
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(alertText(await res.text())).toMatch(/not assigned/);
  });
});

describe('vendor flavours', () => {
  it('Entra: sts.windows.net issuer, claim-URI attribute names, assertion in the default namespace', async () => {
    const idp = await createSamlIdp('entra', 'contoso.example', [
      {
        userName: 'megan@contoso.example',
        givenName: 'Megan',
        familyName: 'Bowen',
        groups: ['Sales', 'ZPA Users'],
      },
    ]);
    const page = await (
      await fetch((await startLogin(t, idp, 'megan@contoso.example')).loginUrl)
    ).text();
    expect(parse(page).querySelector('.brand')?.text).toBe('Microsoft');

    const { session, xml } = await signIn(idp, 'megan@contoso.example', 'Secret#123');
    const entityId = samlIdpEntityId(t.ctx, idp);
    expect(entityId).toMatch(
      /^https:\/\/sts\.windows\.net\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}\/$/,
    );
    expect(xml).toContain(
      `<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">${entityId}</Issuer>`,
    );
    expect(xml).toMatch(
      /<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ID="_[0-9a-f-]{36}"/,
    );
    const claims = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
    expect(session.attributes).toMatchObject({
      [`${claims}/givenname`]: ['Megan'],
      [`${claims}/surname`]: ['Bowen'],
      [`${claims}/emailaddress`]: ['megan@contoso.example'],
      [`${claims}/name`]: ['megan@contoso.example'],
      'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups': ['Sales', 'ZPA Users'],
      'http://schemas.microsoft.com/identity/claims/tenantid': [entityId.slice(24, -1)],
    });
    expect(session.userName).toBe('megan@contoso.example');
  });

  it('PingFederate: pingfederate entity ID, FirstName / LastName / Email / memberOf', async () => {
    const idp = await createSamlIdp('ping', 'initech.example', [
      {
        userName: 'peter@initech.example',
        givenName: 'Peter',
        familyName: 'Gibbons',
        groups: ['Engineering'],
      },
    ]);
    const { session, xml } = await signIn(idp, 'peter@initech.example', 'Secret#123');
    expect(samlIdpEntityId(t.ctx, idp)).toBe('https://pingfederate.initech.example:9031');
    expect(xml).toContain('<saml:Issuer>https://pingfederate.initech.example:9031</saml:Issuer>');
    expect(xml).toContain('NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"');
    expect(session.attributes).toMatchObject({
      FirstName: ['Peter'],
      LastName: ['Gibbons'],
      Email: ['peter@initech.example'],
      memberOf: ['Engineering'],
    });
    expect(session.attributes.firstName).toBeUndefined();
  });

  it('generic: metadata URL as entity ID, givenName / surname / email / groups', async () => {
    const idp = await createSamlIdp('generic', 'hooli.example', [
      {
        userName: 'gavin@hooli.example',
        givenName: 'Gavin',
        familyName: 'Belson',
        groups: ['Execs'],
      },
    ]);
    const { session } = await signIn(idp, 'gavin@hooli.example', 'Secret#123');
    expect(samlIdpEntityId(t.ctx, idp)).toBe(`${t.baseUrl}/idp/${idp.id}/saml/metadata`);
    expect(session.attributes).toMatchObject({
      givenName: ['Gavin'],
      surname: ['Belson'],
      email: ['gavin@hooli.example'],
      groups: ['Execs'],
    });
  });
});

describe('metadata and admin', () => {
  it('IdP metadata carries the entity ID, SSO endpoints and the current signing certificate', async () => {
    const res = await fetch(`${t.baseUrl}/idp/${okta.id}/saml/metadata`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const settings = await (await samlAdmin().get(`/idps/${okta.id}/saml`)).json();
    expect(xml).toContain(`entityID="${settings.entityId}"`);
    expect(xml).toContain(`Location="${samlIdpSsoUrl(t.ctx, okta.id)}"`);
    expect(xml).toContain('Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"');
    const body = settings.certificate.pem.replace(/-----[^-]+-----|\s/g, '');
    expect(xml).toContain(`<ds:X509Certificate>${body}</ds:X509Certificate>`);
  });

  it('SP metadata names the entity ID and the ACS', async () => {
    const res = await fetch(`${t.baseUrl}/auth/saml/${okta.id}/metadata`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`entityID="${samlSpEntityId(t.ctx, okta.id)}"`);
    expect(xml).toContain(`Location="${acsOf(okta.id)}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
  });

  it('GET /api/admin/idps/:id/saml shows both sides of the configuration; admin token required', async () => {
    const res = await samlAdmin().get(`/idps/${okta.id}/saml`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      idpId: okta.id,
      vendor: 'okta',
      entityId: samlIdpEntityId(t.ctx, okta),
      ssoUrl: samlIdpSsoUrl(t.ctx, okta.id),
      metadataUrl: `${t.baseUrl}/idp/${okta.id}/saml/metadata`,
      sp: { entityId: samlSpEntityId(t.ctx, okta.id), acsUrl: acsOf(okta.id) },
    });
    expect(body.certificate.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(body.certificate.pem).toContain('BEGIN CERTIFICATE');

    expect(
      (await samlAdmin().post(`/idps/${okta.id}/saml/rotate-certificate`, 'wrong')).status,
    ).toBe(401);
    expect((await samlAdmin().get('/idps/123/saml')).status).toBe(404);
    const oidc = t.cloud.idps.list().find((i) => i.protocol === 'oidc')!;
    const notSaml = await samlAdmin().get(`/idps/${oidc.id}/saml`);
    expect(notSaml.status).toBe(409);
    expect((await notSaml.json()).error.code).toBe('not_saml');
  });

  it('keeps the signing key across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saml-keys-'));
    try {
      const db = join(dir, 'cloud.db');
      const first = await startSamlTestCloud({ db });
      const idp = first.cloud.idps.list().find((i) => i.protocol === 'saml')!;
      const before = await samlSigningKey(first.ctx, idp);
      await first.close();
      const second = await startSamlTestCloud({ db });
      const after = await samlSigningKey(second.ctx, idp);
      await second.close();
      expect(after.fingerprint).toBe(before.fingerprint);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ACS refusals (crafted responses, real signatures)', () => {
  it('accepts a signed Assertion inside an unsigned Response', async () => {
    const started = await startLogin(t, okta, ALICE);
    const res = await postCrafted(okta, started, { userName: ALICE, sign: 'assertion' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBeNull();
    expect(location.searchParams.get('code')).toBeTruthy();
  });

  it('42015: a signed Response around an unsigned Assertion (IdPs must always sign the assertion)', async () => {
    const started = await startLogin(t, okta, ALICE);
    const res = await postCrafted(okta, started, { userName: ALICE, sign: 'response' });
    await expectRefused(res, '42015', started, /Assertion is not signed/);
  });

  it('42034 (user SSO), not 42033 (admin SSO): a sign-in posted to the ACS of no SAML IdP', async () => {
    const oidc = t.cloud.idps.list().find((i) => i.protocol === 'oidc')!;
    for (const idpId of ['1234567890123456789', oidc.id]) {
      const res = await postForm(acsOf(idpId), { SAMLResponse: 'PHg+PC94Pg==' });
      await expectRefused(res, '42034');
    }
  });

  it('42015: signed with another key (its certificate in KeyInfo)', async () => {
    const started = await startLogin(t, okta, ALICE);
    await expectRefused(
      await postCrafted(okta, started, { signingKey: otherKey }),
      '42015',
      started,
      /not valid/,
    );
  });

  it('42015: not signed at all', async () => {
    const started = await startLogin(t, okta, ALICE);
    await expectRefused(
      await postCrafted(okta, started, { sign: 'none' }),
      '42015',
      started,
      /Neither/,
    );
  });

  it('42015: a tampered assertion (NameID changed after signing)', async () => {
    const started = await startLogin(t, okta, ALICE);
    const res = await postCrafted(okta, started, {
      userName: ALICE,
      transform: (xml) => xml.replaceAll(`>${ALICE}<`, '>carol@acme.example<'),
    });
    await expectRefused(res, '42015', started);
  });

  for (const wrap of [
    'unsigned-assertion-first',
    'unsigned-assertion-last',
    'signature-moved',
  ] as const) {
    it(`42015: signature wrapping (${wrap})`, async () => {
      const started = await startLogin(t, okta, ALICE);
      const res = await postCrafted(okta, started, { userName: ALICE, sign: 'assertion', wrap });
      await expectRefused(res, '42015', started, /wrapping/);
    });
  }

  it('42015: a Response signature that points at the assertion instead of the Response', async () => {
    const started = await startLogin(t, okta, ALICE);
    const res = await postCrafted(okta, started, {
      sign: 'response',
      // Re-point the (still valid for the whole Response) reference: now it no longer verifies
      // as "the Response it sits in".
      transform: (xml) => {
        const assertionId = /<saml2:Assertion ID="([^"]+)"/.exec(xml)![1]!;
        return xml.replace(/<ds:Reference URI="#[^"]+"/, `<ds:Reference URI="#${assertionId}"`);
      },
    });
    await expectRefused(res, '42015', started, /references/);
  });

  it('42016: issued too long ago (the message shows IdP time and the accepted range)', async () => {
    const started = await startLogin(t, okta, ALICE);
    const idpTime = t.ctx.clock.now() - 10 * 60_000;
    const message = await expectRefused(
      await postCrafted(okta, started, { now: idpTime }),
      '42016',
      started,
    );
    expect(message).toContain(new Date(idpTime).toISOString());
    expect(message).toMatch(/accepted range is .+ to .+/);
  });

  it('42016: issued in the future beyond 120 s; within 120 s is accepted', async () => {
    const late = await startLogin(t, okta, ALICE);
    await expectRefused(
      await postCrafted(okta, late, { now: t.ctx.clock.now() + 130_000 }),
      '42016',
      late,
    );
    const ok = await startLogin(t, okta, ALICE);
    const res = await postCrafted(okta, ok, { now: t.ctx.clock.now() + 100_000 });
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBeNull();
  });

  it('42021: expired assertion, subject confirmation expired, not yet valid', async () => {
    const now = () => t.ctx.clock.now();
    for (const opts of [
      { notOnOrAfter: now() - 3 * 60_000 },
      { subjectNotOnOrAfter: now() - 3 * 60_000 },
      { notBefore: now() + 3 * 60_000 },
    ]) {
      const started = await startLogin(t, okta, ALICE);
      await expectRefused(await postCrafted(okta, started, opts), '42021', started);
    }
  });

  it('42021: wrong audience', async () => {
    const started = await startLogin(t, okta, ALICE);
    const res = await postCrafted(okta, started, { audience: 'https://other-sp.example/metadata' });
    await expectRefused(res, '42021', started, /Audience/);
  });

  it('42021: wrong recipient', async () => {
    const started = await startLogin(t, okta, ALICE);
    const res = await postCrafted(okta, started, { recipient: 'https://other-sp.example/acs' });
    await expectRefused(res, '42021', started, /Recipient/);
  });

  it('42019: wrong or missing destination', async () => {
    for (const destination of ['https://other-sp.example/acs', null]) {
      const started = await startLogin(t, okta, ALICE);
      await expectRefused(await postCrafted(okta, started, { destination }), '42019', started);
    }
  });

  it('42020: wrong issuer (entity ID comparison is case-sensitive)', async () => {
    const started = await startLogin(t, okta, ALICE);
    const issuer = samlIdpEntityId(t.ctx, okta).toUpperCase();
    await expectRefused(await postCrafted(okta, started, { issuer }), '42020', started, /Issuer/);
    const second = await startLogin(t, okta, ALICE);
    await expectRefused(
      await postCrafted(okta, second, { assertionIssuer: 'http://www.okta.com/exkSomeoneElse' }),
      '42020',
      second,
    );
  });

  it('42018: replay of a response already used', async () => {
    const { run } = await signIn(okta, ALICE, DEMO_PASSWORD);
    const replay = await postForm(run.autoPost.action, run.autoPost.fields);
    await expectRefused(replay, '42018');
  });

  it('42018: a used response posted against another pending sign-in (session swap)', async () => {
    const { run } = await signIn(okta, ALICE, DEMO_PASSWORD);
    const victim = await startLogin(t, okta, 'bob@acme.example');
    const res = await postForm(run.autoPost.action, {
      SAMLResponse: run.autoPost.fields.SAMLResponse,
      RelayState: victim.requestId,
    });
    await expectRefused(res, '42018', victim);
  });

  // Two defences against replay, each tested alone: a response must answer the pending request
  // (InResponseTo), and an assertion ID is accepted once. Here the assertion is new and freshly
  // signed, so only the InResponseTo check can refuse it.
  it('42018: a fresh response answering a request already answered (stale InResponseTo)', async () => {
    const { started: answered } = await signIn(okta, ALICE, DEMO_PASSWORD);
    const fresh = await buildSamlResponse(t.ctx, okta.id, {
      userName: ALICE,
      inResponseTo: answered.requestId,
    });
    // Posted on its own (its RelayState is the answered request) ...
    await expectRefused(
      await postForm(acsOf(okta.id), {
        SAMLResponse: fresh.samlResponse,
        RelayState: answered.requestId,
      }),
      '42018',
      undefined,
      new RegExp(`No pending sign-in request matches InResponseTo "${answered.requestId}"`),
    );
    // ... and against another user's pending sign-in (session swap with a new assertion).
    const victim = await startLogin(t, okta, 'bob@acme.example');
    const again = await buildSamlResponse(t.ctx, okta.id, {
      userName: ALICE,
      inResponseTo: answered.requestId,
    });
    await expectRefused(
      await postForm(acsOf(okta.id), {
        SAMLResponse: again.samlResponse,
        RelayState: victim.requestId,
      }),
      '42018',
      victim,
      /No pending sign-in request matches InResponseTo/,
    );
  });

  // Only the assertion ID check can refuse this one: its request is pending again.
  it('42018: the same assertion ID twice, even if its request came back', async () => {
    const started = await startLogin(t, okta, ALICE);
    const built = await buildSamlResponse(t.ctx, okta.id, {
      userName: ALICE,
      inResponseTo: started.requestId,
    });
    const fields = { SAMLResponse: built.samlResponse, RelayState: started.requestId };
    expect((await postForm(acsOf(okta.id), fields)).status).toBe(302);
    // Put the request back as if the store had lost the take: the assertion ID still refuses it.
    const now = t.ctx.clock.now();
    t.ctx.store.auth.putSamlRequest({
      id: started.requestId,
      idpId: okta.id,
      createdAt: now,
      expiresAt: now + 60_000,
      doc: { pending: started.pending },
    });
    await expectRefused(await postForm(acsOf(okta.id), fields), '42018', started, /replay/);
  });

  it('42018: unknown InResponseTo', async () => {
    const res = await postCrafted(okta, undefined, { inResponseTo: '_never-requested' });
    await expectRefused(res, '42018', undefined, /_never-requested/);
  });

  it('42018: the AuthnRequest expired (10 minutes)', async () => {
    const started = await startLogin(t, okta, ALICE);
    await admin(t.cloud).advanceClock({ minutes: 11 });
    await expectRefused(await postCrafted(okta, started), '42018', started);
  });

  it('42017: IdP-initiated (unsolicited, no InResponseTo)', async () => {
    const html = await expectRefused(
      await postCrafted(okta, undefined, { inResponseTo: null }),
      '42017',
    );
    expect(html).toMatch(/IdP-initiated/);
  });

  it('42022: NameID with an XML comment (comment truncation), missing, empty', async () => {
    const comment = await startLogin(t, okta, ALICE);
    await expectRefused(
      await postCrafted(okta, comment, {
        nameId: 'alice@acme.example.evil.example',
        nameIdXml: 'alice@acme.example<!---->.evil.example',
      }),
      '42022',
      comment,
      /comment/,
    );
    const pi = await startLogin(t, okta, ALICE);
    await expectRefused(
      await postCrafted(okta, pi, { nameIdXml: 'alice@acme.example<?evil x?>' }),
      '42022',
      pi,
    );
    for (const nameId of [null, '']) {
      const started = await startLogin(t, okta, ALICE);
      await expectRefused(await postCrafted(okta, started, { nameId }), '42022', started);
    }
  });

  it('42014: status not Success', async () => {
    const started = await startLogin(t, okta, ALICE);
    const res = await postCrafted(okta, started, {
      status: {
        code: `${STATUS}Responder`,
        subCode: `${STATUS}AuthnFailed`,
        message: 'User is locked out',
      },
    });
    await expectRefused(res, '42014', started, /Responder\/AuthnFailed: User is locked out/);
  });

  it('42032: OneTimeUse condition', async () => {
    const started = await startLogin(t, okta, ALICE);
    await expectRefused(await postCrafted(okta, started, { oneTimeUse: true }), '42032', started);
  });

  it('42045: a validly signed response over 256 KiB; a 5 MB one; one past the body limit', async () => {
    const groups = Array.from({ length: 3000 }, (_, i) => `group-${i}-${'x'.repeat(80)}`);
    const big = await startLogin(t, okta, ALICE);
    await expectRefused(
      await postCrafted(okta, big, { attributes: [{ name: 'groups', values: groups }] }),
      '42045',
      big,
    );
    const huge = await startLogin(t, okta, ALICE);
    await expectRefused(
      await postCrafted(okta, huge, {
        transform: (xml) =>
          xml.replace('<saml2p:Status>', `${' '.repeat(5_000_000)}<saml2p:Status>`),
      }),
      '42045',
      huge,
    );
    const res = await postForm(acsOf(okta.id), { SAMLResponse: 'A'.repeat(9 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(parse(await res.text()).querySelector('[data-testid=error-code]')?.text).toBe('42045');
  });

  it('42006: DOCTYPE / entity declarations', async () => {
    const started = await startLogin(t, okta, ALICE);
    const res = await postCrafted(okta, started, {
      transform: (xml) => `<!DOCTYPE r [<!ENTITY x "alice@acme.example">]>${xml}`,
    });
    await expectRefused(res, '42006', started, /DOCTYPE/);
  });

  it('42013: not a SAML Response (an AuthnRequest, not XML, not base64)', async () => {
    const request = renderAuthnRequest({
      id: '_x',
      issueInstant: t.ctx.clock.now(),
      destination: 'x',
      acsUrl: 'x',
      spEntityId: 'x',
    });
    for (const SAMLResponse of [
      Buffer.from(request).toString('base64'),
      Buffer.from('hello').toString('base64'),
      '%%%',
    ]) {
      const started = await startLogin(t, okta, ALICE);
      await expectRefused(
        await postForm(acsOf(okta.id), { SAMLResponse, RelayState: started.requestId }),
        '42013',
        started,
      );
    }
    // Not a form: a JSON body gets no SAMLResponse (400), an unknown content type 415.
    for (const [contentType, status] of [
      ['application/json', 400],
      ['application/xml', 415],
    ] as const) {
      const res = await fetch(acsOf(okta.id), {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: '{}',
      });
      expect(res.status).toBe(status);
      expect(parse(await res.text()).querySelector('[data-testid=error-code]')?.text).toBe('42013');
    }
  });

  it('42042: the IdP configuration is disabled', async () => {
    const started = await startLogin(t, okta, ALICE);
    await admin(t.cloud).updateIdp(okta.id, { enabled: false });
    try {
      await expectRefused(await postCrafted(okta, started), '42042', started);
    } finally {
      await admin(t.cloud).updateIdp(okta.id, { enabled: true });
    }
  });

  it('42020: a response from one IdP posted to another IdP ACS', async () => {
    const idp = await createSamlIdp('generic', 'other.example', [
      { userName: 'x@other.example', givenName: 'X', familyName: 'Y', groups: [] },
    ]);
    const started = await startLogin(t, okta, ALICE);
    const built = await buildSamlResponse(t.ctx, okta.id, { inResponseTo: started.requestId });
    const res = await postForm(acsOf(idp.id), {
      SAMLResponse: built.samlResponse,
      RelayState: started.requestId,
    });
    await expectRefused(res, '42020', started);
  });
});

describe('certificate rotation', () => {
  it('a response signed with the old key is refused with 42015 at once; new sign-ins work', async () => {
    const rotated: string[] = [];
    const off = t.cloud.events.on('idp.certificateRotated', (e) => rotated.push(e.idpId));
    try {
      const before = await (await samlAdmin().get(`/idps/${okta.id}/saml`)).json();
      const started = await startLogin(t, okta, ALICE);
      const oldResponse = await buildSamlResponse(t.ctx, okta.id, {
        userName: ALICE,
        inResponseTo: started.requestId,
      });

      const res = await samlAdmin().post(`/idps/${okta.id}/saml/rotate-certificate`);
      expect(res.status).toBe(200);
      const after = await res.json();
      expect(after.previousFingerprintSha256).toBe(before.certificate.fingerprintSha256);
      expect(after.certificate.fingerprintSha256).not.toBe(before.certificate.fingerprintSha256);
      expect(rotated).toEqual([okta.id]);

      const acs = await postForm(acsOf(okta.id), {
        SAMLResponse: oldResponse.samlResponse,
        RelayState: started.requestId,
      });
      await expectRefused(acs, '42015', started, /current signing certificate/);

      const metadata = await (await fetch(`${t.baseUrl}/idp/${okta.id}/saml/metadata`)).text();
      expect(metadata).toContain(after.certificate.pem.replace(/-----[^-]+-----|\s/g, ''));
      const { session } = await signIn(okta, ALICE, DEMO_PASSWORD);
      expect(session.userName).toBe(ALICE);
    } finally {
      off();
    }
  });
});
