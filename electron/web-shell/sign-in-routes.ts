/**
 * The sign-in popup's two routes: GET /login, which waits for the core to ask for a browser and
 * then goes to the IdP, and GET /callback, where the IdP (or the cloud, for SAML) sends the popup
 * back with the sign-in's answer for the waiting core.
 */
import type { ServerResponse } from 'node:http';
import type { ConnectorService } from '../connector/host/connector-service.js';
import type { LoginBroker } from '../connector/host/login-broker.js';
import { shellPage } from './pages.js';
import { redirect, sendPage } from './responses.js';

export interface SignInRouteContext {
  logins: LoginBroker;
  /** The connector service, once it exists. */
  service: ConnectorService | null;
  /** How long GET /login waits for a sign-in to start (ms). */
  loginWaitMs: number;
  port: number;
}

type PendingLogin = ReturnType<LoginBroker['current']>;

/**
 * The popup's first page: waits for the core to ask for a browser, then goes to the IdP. Gives
 * up when the sign-in ends without one (an unknown domain, say) or after `loginWaitMs`.
 */
export async function loginStart(ctx: SignInRouteContext, res: ServerResponse, host: string) {
  const pending = ctx.logins.current() ?? (await waitForLogin(ctx, res));
  if (res.destroyed) return;
  if (!pending) {
    return sendPage(
      res,
      404,
      shellPage(
        'No sign-in is waiting',
        'Client Connector shows what happened. Close this window and start the sign-in from Client Connector.',
      ),
      host,
    );
  }
  redirect(res, pending.url);
}

function waitForLogin(ctx: SignInRouteContext, res: ServerResponse): Promise<PendingLogin> {
  const { logins, service } = ctx;
  return new Promise<PendingLogin>((resolve) => {
    let sawSignIn = service?.snapshot().auth.status === 'authenticating';
    const finish = (value: PendingLogin) => {
      clearTimeout(timer);
      logins.off('pending', onPending);
      unsubscribe?.();
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), ctx.loginWaitMs);
    const onPending = () => finish(logins.current());
    logins.once('pending', onPending);
    const unsubscribe = service?.subscribe('state', (s) => {
      if (s.auth.status === 'authenticating') sawSignIn = true;
      else if (sawSignIn && !logins.current()) finish(null);
    });
    res.once('close', () => finish(null));
  });
}

/**
 * Where the IdP / the cloud send the popup back: the result goes to the waiting core. Open to
 * any browser (the IdP's redirect is cross-site, so the SameSite cookie does not come along);
 * the sign-in's `state` is what tells its answer from a third party's.
 */
export function callback(ctx: SignInRouteContext, res: ServerResponse, url: URL, host: string) {
  const full = `http://127.0.0.1:${ctx.port}${url.pathname}${url.search}`;
  const done = ctx.logins.complete(full);
  res.setHeader('cache-control', 'no-store');
  const page = (status: number, title: string, message: string, close = false) =>
    sendPage(res, status, shellPage(title, message, { close }), host);
  if (done === 'wrong-state') {
    return page(
      400,
      'This is not the answer to your sign-in',
      'It does not carry the state of the sign-in Client Connector is waiting for, so it was refused. Your sign-in is still waiting: finish it in the window Client Connector opened.',
    );
  }
  if (done === 'not-waiting') {
    return page(
      410,
      'This sign-in is no longer waiting',
      'It was cancelled or replaced. Start again from Client Connector.',
    );
  }
  if (url.searchParams.has('error')) {
    return page(
      200,
      'Sign-in did not complete',
      'Client Connector shows what went wrong. You can close this window.',
    );
  }
  page(200, 'Sign-in complete', 'You can close this window and return to Client Connector.', true);
}
