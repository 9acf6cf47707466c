import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The query parameter of the URL the web shell prints and opens (as Jupyter's `?token=`). */
export const LAUNCH_SECRET_PARAM = 'token';

/**
 * A per-launch secret, as Jupyter's token: the web shell prints and opens a URL carrying it; the
 * browser trades it for an HttpOnly SameSite=Strict cookie. Every page, GET /login and the
 * /bridge WebSocket require one or the other, so another local user or process (which can reach
 * 127.0.0.1 but never saw the URL) cannot drive the connector.
 */
export class LaunchSecret {
  readonly value = randomBytes(32).toString('base64url');
  /** Cookies are shared by every port of a host: the name carries this web shell's port. */
  readonly cookieName: string;

  constructor(port: number) {
    this.cookieName = `cc-web-shell-${port}`;
  }

  /** `base` with the secret, the URL to print and open. */
  urlFrom(base: string): string {
    const url = new URL(base);
    url.searchParams.set(LAUNCH_SECRET_PARAM, this.value);
    return url.href;
  }

  /** Whether `url` carries the secret in its query. */
  inQuery(url: URL): boolean {
    return this.matches(url.searchParams.get(LAUNCH_SECRET_PARAM));
  }

  /** Whether the request's cookies carry the secret. */
  inCookie(req: IncomingMessage): boolean {
    for (const pair of (req.headers.cookie ?? '').split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0 && pair.slice(0, eq).trim() === this.cookieName) {
        if (this.matches(pair.slice(eq + 1).trim())) return true;
      }
    }
    return false;
  }

  /** The Set-Cookie header value: for this host and port's pages only, never for scripts. */
  cookie(): string {
    return `${this.cookieName}=${this.value}; Path=/; HttpOnly; SameSite=Strict`;
  }

  private matches(candidate: string | null): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.value);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
