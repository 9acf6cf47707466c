import { parse, type HTMLElement } from 'node-html-parser';
import type { BrowserPort } from './browser-port.js';
import { ConnectorError } from './connector-error.js';
import { CODES } from '../../shared/errors/codes.js';

/**
 * A browser without a screen for the command line and scripts: follows redirects, keeps
 * cookies, fills the bundled IdPs' login form with the given credentials and submits the
 * auto-posting SAML form, until it is sent to the redirect URL. Works only with login pages that
 * are plain HTML forms (the bundled IdPs'), by design.
 */
export class HttpFormBrowser implements BrowserPort {
  private readonly cookies = new Map<string, Map<string, string>>();

  /** `cancel`: press Cancel on the IdP's login page instead of signing in (a user's cancel). */
  constructor(
    private readonly credentials: { username: string; password: string; cancel?: boolean },
    private readonly maxSteps = 30,
  ) {}

  async authorize(url: string, redirectPrefix: string, signal?: AbortSignal): Promise<URL> {
    let next: { url: string; method: 'GET' | 'POST'; body?: URLSearchParams } = {
      url,
      method: 'GET',
    };
    let submittedCredentials = false;
    for (let step = 0; step < this.maxSteps; step++) {
      if (next.url.startsWith(redirectPrefix)) return new URL(next.url);
      const res = await this.fetch(next, signal);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        next = { url: new URL(location, next.url).toString(), method: 'GET' };
        continue;
      }
      const html = await res.text();
      const form = this.pickForm(parse(html), next.url, this.credentials.cancel === true);
      if (!form) {
        throw new ConnectorError(
          CODES.IDP_AUTH_FAILED,
          `The sign-in page at ${next.url} answered ${res.status} without a form to continue.`,
        );
      }
      if (form.hasPassword) {
        if (submittedCredentials) {
          const why = (form.error ?? 'sign-in failed').replace(/\.+$/, '');
          throw new ConnectorError(
            CODES.IDP_CREDENTIALS_REJECTED,
            `The identity provider refused the sign-in: ${why}.`,
          );
        }
        submittedCredentials = true;
        form.fields.set(form.userField ?? 'username', this.credentials.username);
        form.fields.set(form.passwordField!, this.credentials.password);
      }
      const params = new URLSearchParams([...form.fields]);
      if (form.method === 'POST') next = { url: form.action, method: 'POST', body: params };
      else {
        const target = new URL(form.action);
        params.forEach((v, k) => target.searchParams.set(k, v));
        next = { url: target.toString(), method: 'GET' };
      }
    }
    throw new ConnectorError(
      CODES.IDP_AUTH_FAILED,
      'The sign-in did not finish: too many redirects or pages.',
    );
  }

  private async fetch(
    req: { url: string; method: 'GET' | 'POST'; body?: URLSearchParams },
    signal?: AbortSignal,
  ) {
    const target = new URL(req.url);
    const jar = this.cookies.get(target.host) ?? new Map<string, string>();
    const headers: Record<string, string> = { accept: 'text/html' };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (req.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(target, {
      method: req.method,
      headers,
      body: req.method === 'POST' ? req.body?.toString() : undefined,
      redirect: 'manual',
      signal,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    this.cookies.set(target.host, jar);
    return res;
  }

  /**
   * The login form (with a password field), else the first form (an auto-submitting one). To
   * cancel: the form beside the login form, the IdP's Cancel.
   */
  private pickForm(doc: HTMLElement, pageUrl: string, cancel = false) {
    const forms = doc.querySelectorAll('form');
    const login = forms.find((f) => f.querySelector('input[type=password]'));
    const other = forms.find((f) => f !== login);
    const form = cancel && login && other ? other : (login ?? forms[0]);
    if (!form) return undefined;
    const fields = new Map<string, string>();
    let passwordField: string | undefined;
    let userField: string | undefined;
    for (const input of form.querySelectorAll('input')) {
      const name = input.getAttribute('name');
      if (!name) continue;
      const type = (input.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'password') passwordField = name;
      else if (['text', 'email'].includes(type) && !userField) userField = name;
      if (type === 'submit' || type === 'checkbox') continue;
      fields.set(name, input.getAttribute('value') ?? '');
    }
    const error = doc.querySelector('[role=alert]')?.text.trim();
    return {
      action: new URL(form.getAttribute('action') ?? pageUrl, pageUrl).toString(),
      method:
        (form.getAttribute('method') ?? 'GET').toUpperCase() === 'POST'
          ? ('POST' as const)
          : ('GET' as const),
      fields,
      hasPassword: passwordField !== undefined,
      passwordField,
      userField,
      error,
    };
  }
}
