/**
 * SCIM userName as a hostile or careless client sends it: normalised to NFC, refused with 400
 * invalidValue when it holds control, bidi or zero-width characters, an unpaired surrogate or an
 * absurd length, and unique without regard to case or normalisation form. Also the body's
 * charset (only UTF-8 is read) and a 3 MB body's 413, readable by a client still writing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import {
  enableScim,
  expectScimError,
  expectStatus,
  startTestCloud,
  USER_SCHEMA,
  type ScimClient,
  scim,
} from '../helpers/cloud.js';
import { postOversized } from '../helpers/oversized-post.js';

let cloud: RunningCloud;
let client: ScimClient;
let token: string;

beforeAll(async () => {
  cloud = await startTestCloud({ adminToken: 'scim-names-admin' });
  const oidc = await enableScim(cloud, 'OIDC');
  token = oidc.token;
  client = scim(oidc.endpoint, token);
});
afterAll(async () => cloud?.close());

const user = (userName: string) => ({ schemas: [USER_SCHEMA], userName, active: true });

describe('SCIM userName', () => {
  it.each([
    ['a NUL character', 'nul\u0000@acme.example'],
    ['a C1 control character', 'ctl\u0085@acme.example'],
    ['an RTL override', 'admin\u202Egpj.exe@acme.example'],
    ['a bidi isolate', 'x\u2066y@acme.example'],
    ['a zero-width space', 'ze\u200Bro@acme.example'],
    ['a zero-width joiner', 'zw\u200Dj@acme.example'],
    ['a byte-order mark', '\uFEFFbom@acme.example'],
    ['an unpaired high surrogate', 'lone\uD83D@acme.example'],
    ['an unpaired low surrogate', 'lone\uDE00@acme.example'],
    ['10,000 characters', `${'a'.repeat(10_000)}@acme.example`],
    ['only spaces', '   '],
  ])('refuses %s with 400 invalidValue (POST, PUT and PATCH)', async (_what, userName) => {
    expectScimError(await client.post('/Users', user(userName)), 400, 'invalidValue');
    const created = expectStatus(
      await client.post('/Users', user(`ok-${Math.random()}@acme.example`)),
      201,
    );
    expectScimError(await client.put(`/Users/${created.id}`, user(userName)), 400, 'invalidValue');
    expectScimError(
      await client.patchOps(`/Users/${created.id}`, [
        { op: 'replace', path: 'userName', value: userName },
      ]),
      400,
      'invalidValue',
    );
    expectScimError(
      await client.patchOps(`/Users/${created.id}`, [{ op: 'replace', value: { userName } }]),
      400,
      'invalidValue',
    );
  });

  it('keeps what real names use: accents, scripts, emoji pairs, ZWJ-free marks', async () => {
    for (const name of [
      'zoë@acme.example',
      'Иван@acme.example',
      '山田@acme.example',
      'a😀b@acme.example',
    ]) {
      expect(expectStatus(await client.post('/Users', user(name)), 201).userName).toBe(
        name.normalize('NFC'),
      );
    }
  });

  it('stores NFC, and NFC / NFD / other-case forms are one user', async () => {
    const nfd = 'Jose\u0301@acme.example'; // e + combining acute
    const nfc = 'Jos\u00E9@acme.example';
    const created = expectStatus(await client.post('/Users', user(nfd)), 201);
    expect(created.userName).toBe(nfc);
    expectScimError(await client.post('/Users', user(nfc)), 409, 'uniqueness');
    expectScimError(await client.post('/Users', user('JOSÉ@ACME.EXAMPLE')), 409, 'uniqueness');
    expectScimError(
      await client.post('/Users', user('JOSE\u0301@acme.example')),
      409,
      'uniqueness',
    );
    // A filter in either form finds it.
    for (const form of [nfc, nfd, nfc.toUpperCase()]) {
      const list = expectStatus(
        await client.get(`/Users?filter=${encodeURIComponent(`userName eq "${form}"`)}`),
        200,
      );
      expect(list.totalResults, form).toBe(1);
      expect(list.Resources[0].id).toBe(created.id);
    }
  });
});

describe('SCIM request bodies', () => {
  it('refuses a body in another charset than UTF-8 with 415, and takes UTF-8 however spelled', async () => {
    const body = JSON.stringify(user('utf16@acme.example'));
    const utf16 = Buffer.from(`\uFEFF${body}`, 'utf16le');
    const res = await client.request('POST', '/Users', {
      rawBody: utf16,
      contentType: 'application/scim+json; charset=utf-16',
    });
    expectScimError(res, 415);
    expect(res.body.detail).toMatch(/UTF-8/);
    for (const [i, ct] of [
      'application/scim+json; charset=UTF-8',
      'application/scim+json;charset="utf-8"',
      'application/json',
    ].entries()) {
      const ok = await client.request('POST', '/Users', {
        rawBody: JSON.stringify(user(`charset-${i}@acme.example`)),
        contentType: ct,
      });
      expect(ok.status, ct).toBe(201);
    }
  });

  it.each([
    ['as fast as it can', 0],
    ['slowly', 2],
  ])(
    'answers a 3 MB body with a 413 that a client still writing it (%s) can read',
    async (_how, delayMs) => {
      // The answer is ready long before the body is sent.
      const result = await postOversized({
        url: `${client.endpoint}/Users`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        totalBytes: 3 * 1024 * 1024,
        delayMs,
      });
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body)).toMatchObject({
        status: '413',
        detail: expect.stringMatching(/larger than/),
      });
    },
  );
});
