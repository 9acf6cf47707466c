/** What the SCIM Sync Logs keep of a request body (log-redact.ts). */
import { describe, expect, it } from 'vitest';
import { redact } from '../../../electron/cloud/scim/log-redact.js';

const OKTA_CREATE = JSON.parse(
  '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada@example.com",' +
    '"name":{"givenName":"Ada","familyName":"Lovelace"},"emails":[{"primary":true,' +
    '"value":"ada@example.com","type":"work"}],"externalId":"00u1","groups":[],' +
    '"password":"S3cret!","active":true}',
) as unknown;

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });

describe('redact', () => {
  it('masks secrets at any depth and in any case, and keeps the rest as sent, in order', () => {
    expect(JSON.stringify(redact(OKTA_CREATE))).toBe(
      JSON.stringify({ ...(OKTA_CREATE as object), password: '***' }),
    );
    expect(
      redact({ Operations: [{ op: 'replace', value: { PassWord: 'x', clientSecret: 'y' } }] }),
    ).toEqual({ Operations: [{ op: 'replace', value: { PassWord: '***', clientSecret: '***' } }] });
    expect(redact({ accessToken: { deep: 'x' }, tokenish: 1 })).toEqual({
      accessToken: '***',
      tokenish: '***',
    });
  });

  it('keeps scalars, arrays and null as they are', () => {
    expect(redact(null)).toBeNull();
    expect(redact('text')).toBe('text');
    expect(redact([1, { a: true }])).toEqual([1, { a: true }]);
  });

  it('cuts a body nested deeper than 16 levels', () => {
    expect(JSON.stringify(redact(nested(16)))).toBe(JSON.stringify(nested(16)));
    expect(JSON.stringify(redact(nested(17)))).toBe(
      JSON.stringify(nested(16)).replace('"leaf"', '"…"'),
    );
  });

  it('keeps a "__proto__" key as a key of its own', () => {
    const body = JSON.parse('{"__proto__":{"password":"x"},"b":1}') as unknown;
    expect(JSON.stringify(redact(body))).toBe('{"__proto__":{"password":"***"},"b":1}');
  });
});
