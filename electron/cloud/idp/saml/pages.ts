/**
 * The bundled SAML IdP's HTML: its own login page (vendor-flavoured, accessible labels), the
 * auto-submitting form that carries the SAMLResponse to the SP, and its error page.
 */
import { randomBytes } from 'node:crypto';
import { escapeHtml as h } from '../../saml/xml.js';
import type { LoginPageBrand } from './vendor-profiles.js';

export interface HtmlPage {
  html: string;
  /** Content-Security-Policy for this page (its inline script, if any, carries the nonce). */
  csp: string;
}

const CSP_BASE =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'";

const style = (accent: string) => `
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f3f4f6; color: #1d1d21; }
  main { max-width: 400px; margin: 8vh auto; background: #fff; border-radius: 6px; border-top: 4px solid ${accent}; box-shadow: 0 2px 10px rgba(0,0,0,.12); padding: 32px 40px; }
  .brand { font-weight: 700; color: ${accent}; letter-spacing: .02em; margin: 0 0 4px; }
  .org { color: #5e6166; margin: 0 0 20px; }
  h1 { font-size: 22px; margin: 0 0 20px; font-weight: 600; }
  label { display: block; font-weight: 600; margin: 14px 0 6px; }
  input[type=text], input[type=password] { width: 100%; padding: 10px; border: 1px solid #8c8c96; border-radius: 3px; font: inherit; }
  input:focus { outline: 2px solid ${accent}; outline-offset: 1px; }
  button { margin-top: 22px; width: 100%; padding: 11px; border: 0; border-radius: 3px; background: ${accent}; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  [role=alert] { background: #fdecea; border-left: 4px solid #c62828; padding: 10px 12px; margin: 0 0 8px; }
  footer { margin-top: 28px; color: #6e7177; font-size: 12px; text-align: center; }
`;

function document(title: string, accent: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style>${style(accent)}</style>${extraHead}
</head>
<body>
${body}
</body>
</html>
`;
}

export interface LoginPageParams {
  brand: LoginPageBrand;
  /** The IdP configuration's name (the "organization" shown under the brand). */
  orgName: string;
  /** Path the form posts to. */
  action: string;
  username?: string;
  error?: string;
  /** Carried through the form: the original request and relay state. */
  hidden: Record<string, string | undefined>;
}

export function loginPage(p: LoginPageParams): HtmlPage {
  const hidden = Object.entries(p.hidden)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v!)}">`)
    .join('\n    ');
  const body = `<main>
  <p class="brand">${h(p.brand.product)}</p>
  <p class="org">${h(p.orgName)}</p>
  <h1>${h(p.brand.heading)}</h1>
  ${p.error ? `<p role="alert">${h(p.error)}</p>` : ''}
  <form method="post" action="${h(p.action)}">
    ${hidden}
    <label for="username">Username</label>
    <input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${h(p.username ?? '')}"${p.username ? '' : ' autofocus'}>
    <label for="password">Password</label>
    <input type="password" id="password" name="password" autocomplete="current-password" required${p.username ? ' autofocus' : ''}>
    <button type="submit">${h(p.brand.button)}</button>
  </form>
  <footer>${h(p.brand.footer)}</footer>
</main>`;
  return {
    html: document(`${p.orgName} - ${p.brand.heading}`, p.brand.accent, body),
    csp: CSP_BASE,
  };
}

/** The HTTP-POST binding: a form the browser submits to the SP's ACS at once. */
export function autoPostPage(
  brand: LoginPageBrand,
  acsUrl: string,
  fields: Record<string, string | undefined>,
): HtmlPage {
  const nonce = randomBytes(16).toString('base64');
  const inputs = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v!)}">`)
    .join('\n    ');
  const body = `<main>
  <p class="brand">${h(brand.product)}</p>
  <h1>Signing you in…</h1>
  <form method="post" action="${h(acsUrl)}">
    ${inputs}
    <noscript><p>JavaScript is off. Continue to finish signing in.</p><button type="submit">Continue</button></noscript>
  </form>
</main>
<script nonce="${nonce}">document.forms[0].submit();</script>`;
  return {
    html: document('Signing in', brand.accent, body),
    csp: `${CSP_BASE}; script-src 'nonce-${nonce}'`,
  };
}

export function idpErrorPage(brand: LoginPageBrand, title: string, message: string): HtmlPage {
  const body = `<main>
  <p class="brand">${h(brand.product)}</p>
  <h1>${h(title)}</h1>
  <p role="alert">${h(message)}</p>
  <footer>${h(brand.footer)}</footer>
</main>`;
  return { html: document(title, brand.accent, body), csp: CSP_BASE };
}
