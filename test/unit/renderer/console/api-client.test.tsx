/** The console's API client: routes called by their contract name, errors as ApiError. */
import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../../../renderer/console/api/client';

function fakeFetch(status: number, body?: unknown) {
  return vi.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
}

describe('console API client', () => {
  it('fills the path from the contract, sends the token, the JSON body and the query', async () => {
    const fetch = fakeFetch(200, { id: 'i/1', name: 'Okta' });
    const api = createApiClient(() => 'tok', fetch);
    const idp = await api.call('updateIdp', {
      params: { id: 'i/1' },
      body: { scimSyncEnabled: true },
    });
    expect(idp.name).toBe('Okta');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/admin/idps/i%2F1');
    expect(init?.method).toBe('PATCH');
    expect(init?.body).toBe('{"scimSyncEnabled":true}');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect((init?.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(init?.credentials).toBe('omit');

    await api.call('scimSyncLogs', { query: { idpId: 'x', method: 'POST', entityName: '' } });
    expect(fetch.mock.calls[1]![0]).toBe('/api/admin/scim-sync-logs?idpId=x&method=POST');
    expect(fetch.mock.calls[1]![1]?.method).toBe('GET');
    expect(fetch.mock.calls[1]![1]?.body).toBeUndefined();
  });

  it('answers undefined for a 204 and reads the token at each call', async () => {
    const fetch = fakeFetch(204);
    let token: string | null = 'one';
    const api = createApiClient(() => token, fetch);
    await expect(api.call('revokeSession', { params: { id: 's1' } })).resolves.toBeUndefined();
    token = null;
    await api.call('revokeSession', { params: { id: 's1' } });
    const headers = fetch.mock.calls.map(
      (c) => (c[1]?.headers as Record<string, string>).authorization,
    );
    expect(headers).toEqual(['Bearer one', 'Bearer ']);
    expect(fetch.mock.calls[0]![1]?.method).toBe('DELETE');
  });

  it("throws the admin API's error as ApiError (status, code, message, details)", async () => {
    const body = {
      error: { code: 'invalid_request', message: 'at: bad', details: [{ field: 'at' }] },
    };
    const api = createApiClient(() => 'tok', fakeFetch(400, body));
    const error = await api.call('setClock', { body: { at: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', message: 'at: bad' });
    expect((error as ApiError).details).toEqual([{ field: 'at' }]);

    const bare = createApiClient(() => 'tok', fakeFetch(502));
    await expect(bare.call('clock')).rejects.toMatchObject({ status: 502, code: 'http_error' });
  });
});
