import { describe, expect, it } from 'vitest';
import { isRedirectTo, LoginBroker } from '../../../electron/connector/host/login-broker.js';

const CB = 'http://127.0.0.1:5180/callback';

describe('LoginBroker (the BrowserPort of the login window and the web shell popup)', () => {
  it('makes a sign-in pending and resolves it with the redirect', async () => {
    const broker = new LoginBroker();
    const seen: unknown[] = [];
    broker.on('pending', (p) => seen.push(p));
    const result = broker.authorize('http://idp/authorize?x=1', CB);
    expect(broker.current()).toMatchObject({ url: 'http://idp/authorize?x=1', redirectPrefix: CB });
    expect(seen).toHaveLength(1);
    expect(broker.matches('http://idp/login')).toBe(false);
    expect(broker.complete('http://idp/login')).toBe('not-waiting');
    expect(broker.matches(`${CB}?code=abc&state=s`)).toBe(true);
    expect(broker.complete(`${CB}?code=abc&state=s`)).toBe('completed');
    const url = await result;
    expect(url.searchParams.get('code')).toBe('abc');
    expect(broker.current()).toBeNull();
  });

  it('refuses a redirect with another state and keeps the sign-in pending', async () => {
    const broker = new LoginBroker();
    const result = broker.authorize('http://idp/authorize', CB, undefined, 'right');
    expect(broker.complete(`${CB}?code=x&state=wrong`)).toBe('wrong-state');
    expect(broker.complete(`${CB}?code=x`)).toBe('wrong-state');
    expect(broker.current()).not.toBeNull();
    expect(broker.complete(`${CB}?code=abc&state=right`)).toBe('completed');
    expect((await result).searchParams.get('code')).toBe('abc');
    expect(broker.complete(`${CB}?code=abc&state=right`)).toBe('not-waiting');
  });

  it('rejects with SIGN_IN_CANCELLED when the window is closed', async () => {
    const broker = new LoginBroker();
    const result = broker.authorize('http://idp/a', CB);
    broker.cancel('closed');
    await expect(result).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    expect(broker.current()).toBeNull();
  });

  it('a new sign-in supersedes the pending one', async () => {
    const broker = new LoginBroker();
    const first = broker.authorize('http://idp/1', CB);
    const second = broker.authorize('http://idp/2', CB);
    await expect(first).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    expect(broker.current()?.url).toBe('http://idp/2');
    broker.complete(`${CB}?code=2`);
    await expect(second).resolves.toBeInstanceOf(URL);
  });

  it('an abort signal rejects with an AbortError (the core ends the sign-in itself)', async () => {
    const broker = new LoginBroker();
    const abort = new AbortController();
    const result = broker.authorize('http://idp/a', CB, abort.signal);
    abort.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    await expect(broker.authorize('http://idp/b', CB, abort.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('times out', async () => {
    const broker = new LoginBroker({ timeoutMs: 10 });
    await expect(broker.authorize('http://idp/a', CB)).rejects.toMatchObject({
      code: 'SIGN_IN_CANCELLED',
    });
  });

  it('matches the redirect by origin and path only', () => {
    expect(isRedirectTo(`${CB}?code=1`, CB)).toBe(true);
    expect(isRedirectTo(`${CB}#code=1`, CB)).toBe(true);
    expect(isRedirectTo('http://127.0.0.1:5181/callback?code=1', CB)).toBe(false);
    expect(isRedirectTo('http://127.0.0.1:5180/callback2', CB)).toBe(false);
    expect(isRedirectTo('http://evil.example/callback', CB)).toBe(false);
    expect(isRedirectTo('not a url', CB)).toBe(false);
  });
});
