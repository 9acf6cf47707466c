import { EventEmitter } from 'node:events';
import type { BrowserPort } from '../browser-port.js';
import { ConnectorError } from '../connector-error.js';
import { CODES } from '../../../shared/errors/codes.js';

/** The one sign-in waiting for the user's browser. */
export interface PendingLogin {
  id: number;
  /** The IdP (or cloud) URL the browser opens. */
  url: string;
  /** The sign-in ends when the browser is sent to a URL starting with this. */
  redirectPrefix: string;
  startedAt: number;
}

/** What `complete()` did with a redirect. */
export type LoginCompletion =
  /** It was the pending sign-in's answer: the sign-in goes on with it. */
  | 'completed'
  /** No sign-in waits for this redirect URL. */
  | 'not-waiting'
  /** A sign-in waits here, but for another `state`: refused, the sign-in stays pending. */
  | 'wrong-state';

/** Why a pending sign-in ended without a redirect. */
export type LoginCancelReason = 'closed' | 'superseded' | 'aborted' | 'timeout';

/**
 * The BrowserPort of a host that shows the sign-in in a window it does not script itself: the
 * Electron login window, or a popup of the user's browser in the web shell. `authorize()` makes
 * the sign-in pending (event `pending`); the host shows `url`, then reports the redirect with
 * `complete()` or the window closing with `cancel()`. One sign-in at a time: a new one
 * supersedes the last.
 */
export class LoginBroker extends EventEmitter implements BrowserPort {
  private pending:
    (PendingLogin & { state: string | undefined; finish(result: URL | Error): void }) | null = null;
  private nextId = 1;

  constructor(private readonly opts: { timeoutMs?: number; now?: () => number } = {}) {
    super();
  }

  /** The sign-in waiting for a browser, if any. */
  current(): PendingLogin | null {
    if (!this.pending) return null;
    const { id, url, redirectPrefix, startedAt } = this.pending;
    return { id, url, redirectPrefix, startedAt };
  }

  authorize(
    url: string,
    redirectPrefix: string,
    signal?: AbortSignal,
    state?: string,
  ): Promise<URL> {
    if (signal?.aborted) return Promise.reject(abortError());
    this.cancel('superseded');
    return new Promise<URL>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.cancel('timeout'), this.opts.timeoutMs ?? 10 * 60_000);
      timer.unref?.();
      const onAbort = () => this.cancel('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending = {
        id,
        url,
        redirectPrefix,
        state,
        startedAt: (this.opts.now ?? Date.now)(),
        finish: (result) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (this.pending?.id === id) this.pending = null;
          if (result instanceof URL) resolve(result);
          else reject(result);
          this.emit('settled', id);
        },
      };
      this.emit('pending', this.current());
    });
  }

  /** Whether `url` is where the pending sign-in ends (the host then stops the navigation). */
  matches(url: string): boolean {
    return !!this.pending && isRedirectTo(url, this.pending.redirectPrefix);
  }

  /**
   * The browser reached the redirect: resolves the pending sign-in, unless the redirect carries
   * another `state` than the sign-in expects (any page can load the redirect URL while a sign-in
   * waits; that must not end it).
   */
  complete(url: string): LoginCompletion {
    const p = this.pending;
    if (!p || !isRedirectTo(url, p.redirectPrefix)) return 'not-waiting';
    const redirect = new URL(url);
    if (p.state !== undefined && stateOf(redirect) !== p.state) return 'wrong-state';
    p.finish(redirect);
    return 'completed';
  }

  /** The window was closed (or the sign-in replaced, aborted, timed out). */
  cancel(reason: LoginCancelReason): void {
    const p = this.pending;
    if (!p) return;
    p.finish(
      reason === 'aborted'
        ? abortError()
        : new ConnectorError(
            CODES.SIGN_IN_CANCELLED,
            reason === 'timeout'
              ? 'The sign-in was not finished in time.'
              : reason === 'superseded'
                ? 'Another sign-in replaced this one.'
                : 'The sign-in window was closed before the sign-in finished.',
          ),
    );
  }
}

/** Same origin and path as the redirect URI (query and fragment carry the result). */
export function isRedirectTo(url: string, redirectPrefix: string): boolean {
  let target: URL;
  let prefix: URL;
  try {
    target = new URL(url);
    prefix = new URL(redirectPrefix);
  } catch {
    return false;
  }
  return target.origin === prefix.origin && target.pathname === prefix.pathname;
}

/** The redirect's `state`, in the query (code flow) or the fragment (implicit-style answers). */
function stateOf(redirect: URL): string | null {
  return (
    redirect.searchParams.get('state') ?? new URLSearchParams(redirect.hash.slice(1)).get('state')
  );
}

function abortError(): Error {
  const e = new Error('The sign-in was cancelled.');
  e.name = 'AbortError';
  return e;
}
