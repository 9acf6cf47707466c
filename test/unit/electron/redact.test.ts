import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretKey, REDACTED } from '../../../electron/connector/host/redact.js';

const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJlcmluIiwiaXNzIjoiaHR0cDovL3gifQ.c2lnbmF0dXJlLXZhbHVl';

describe('redactor', () => {
  const r = createRedactor(['s3ss10n-t0ken-abcdef0123456789']);

  it('removes a known secret wherever it appears', () => {
    expect(r.text('resumed with s3ss10n-t0ken-abcdef0123456789 ok')).toBe(
      `resumed with ${REDACTED} ok`,
    );
    expect(JSON.stringify(r.value({ nested: ['x s3ss10n-t0ken-abcdef0123456789'] }))).not.toContain(
      's3ss10n',
    );
  });

  it('ignores known secrets too short to be safe to replace', () => {
    expect(createRedactor(['abc']).text('abc abc')).toBe('abc abc');
  });

  it.each([
    ['Authorization: Bearer abc.def-ghi_jkl', 'abc.def'],
    ['authorization=Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
    ['{"authorization":"Bearer tok_123456789"}', 'tok_123456789'],
    ['sent Bearer 9f8e7d6c5b4a39281706 to the cloud', '9f8e7d6c5b4a39281706'],
    ['Cookie: _session=abcdef; _session.sig=123', '_session=abcdef'],
    ['set-cookie: sid=xyz987; Path=/; HttpOnly', 'sid=xyz987'],
    [`id token ${JWT}`, 'eyJzdWIi'],
    ['http://127.0.0.1:5180/callback?code=qp9I9uAsJTQsm41Xk&state=abc', 'qp9I9uAsJTQsm41Xk'],
    ['http://x/cb#code=frag-code-value', 'frag-code-value'],
    [
      'SAMLResponse=PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM6bmFtZXM6dGM6&RelayState=r',
      'PHNhbWxw',
    ],
    [
      'posting PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM6bmFtZXM6dGM6U0FNTDoyLjA6cHJvdG9jb2wi to ACS',
      'PHNhbWxw',
    ],
    ['<samlp:Response ID="_1"><saml:Assertion>alice</saml:Assertion></samlp:Response>', 'alice'],
    ['password=Passw0rd!&username=alice', 'Passw0rd!'],
    ['{"password":"Passw0rd!","user":"alice"}', 'Passw0rd!'],
    ["login with password: 'hunter2 two'", 'hunter2'],
    ['client_secret=shh-very-secret&x=1', 'shh-very-secret'],
    ['code_verifier=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', 'abcdefghijklmnop'],
    ['sessionToken: 0123456789abcdef', '0123456789abcdef'],
    ['id_token=abc.def.ghi&state=1', 'abc.def.ghi'],
  ])('redacts %s', (input, secret) => {
    const out = r.text(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('removes an IdP signing key: PEM (raw or JSON-escaped) and JWK (data or JSON text)', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const body = pem.split('\n')[1]!;
    const jwk = privateKey.export({ format: 'jwk' });
    for (const text of [
      `SAML IdP error: bad key ${pem} in config`,
      JSON.stringify({ config: { pem } }),
      JSON.stringify({ keys: [jwk] }),
    ]) {
      const out = r.text(text);
      expect(out).not.toContain(body);
      expect(out).not.toContain(jwk.d!);
      expect(out).not.toContain(jwk.p!);
      expect(out).toContain(REDACTED);
    }
    const data = r.value({ jwks: { keys: [jwk] } });
    expect(JSON.stringify(data)).not.toContain(jwk.d!);
    expect(JSON.stringify(data)).not.toContain(jwk.qi!);
    // The public members stay: they help tell keys apart.
    expect(data.jwks.keys[0]!.n).toBe(jwk.n);
  });

  it('keeps what support needs: error codes, users, apps, states', () => {
    const line =
      'error BRK_MT_SETUP_FAIL_SCIM_INACTIVE {"code":"BRK_MT_SETUP_FAIL_SCIM_INACTIVE","reason":"not_synced"} open intranet.acme.example:443: blocked user alice@acme.example';
    expect(r.text(line)).toBe(line);
  });

  it('replaces the values of secret keys in plain data, whatever their content', () => {
    const out = r.value({
      user: 'alice@acme.example',
      code: 'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND',
      sessionToken: 'anything',
      headers: { Authorization: 'x', cookie: 'y', 'X-Request-Id': 'r1' },
      credentials: { password: 'p', username: 'alice' },
      list: [{ id_token: 'z' }],
      empty: { password: '' },
      scimTokenSet: true,
    });
    expect(out).toEqual({
      user: 'alice@acme.example',
      code: 'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND',
      sessionToken: REDACTED,
      headers: { Authorization: REDACTED, cookie: REDACTED, 'X-Request-Id': 'r1' },
      credentials: { password: REDACTED, username: 'alice' },
      list: [{ id_token: REDACTED }],
      empty: { password: '' },
      scimTokenSet: true,
    });
  });

  it('copes with cycles and errors', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(r.value(a)).toEqual({ name: 'a', self: '[Circular]' });
    expect(r.value({ e: new Error('Bearer abcdefghijkl failed') })).toEqual({
      e: { name: 'Error', message: `Bearer ${REDACTED} failed` },
    });
  });

  it('knows secret key names', () => {
    for (const k of [
      'password',
      'Set-Cookie',
      'refresh_token',
      'adminToken',
      'SAMLResponse',
      'client-secret',
    ])
      expect(isSecretKey(k), k).toBe(true);
    for (const k of ['code', 'user', 'reason', 'tokenCount', 'app'])
      expect(isSecretKey(k), k).toBe(false);
  });
});
