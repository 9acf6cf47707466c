/** The bundled OIDC IdP's pages: its own sign-in form and its error page (plain, accessible HTML). */

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** No scripts at all; inline styles only; never framed. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; background: #f3f5f8; color: #1b1f24; margin: 0; }
  main { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 2rem;
         border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 15%); }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  p.sub { margin: 0 0 1.5rem; color: #4a5563; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { box-sizing: border-box; width: 100%; padding: .6rem; font: inherit;
          border: 1px solid #6b7480; border-radius: 4px; }
  input:focus, button:focus { outline: 3px solid #2563eb; outline-offset: 2px; }
  input[aria-invalid=true] { border-color: #b42318; }
  .error { background: #fef3f2; border: 1px solid #b42318; color: #8a1c12; padding: .75rem;
           border-radius: 4px; margin-bottom: 1rem; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
  button { font: inherit; padding: .6rem 1.2rem; border-radius: 4px; border: 1px solid #1d4ed8;
           background: #1d4ed8; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #1d4ed8; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LoginPageInput {
  idpName: string;
  /** Where the form posts (the interaction URL). */
  action: string;
  /** Where "Cancel" posts. */
  abortAction: string;
  username?: string;
  error?: string;
}

export function loginPage(p: LoginPageInput): string {
  const invalid = p.error ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  const error = p.error
    ? `<div class="error" role="alert" id="login-error">${escapeHtml(p.error)}</div>\n`
    : '';
  // Focus the field the user has to fill next.
  const focusUser = p.username ? '' : ' autofocus';
  const focusPassword = p.username ? ' autofocus' : '';
  return page(
    `Sign in · ${p.idpName}`,
    `<h1>Sign in</h1>
<p class="sub">${escapeHtml(p.idpName)} · to continue to the Client Connector</p>
${error}<form method="post" action="${escapeHtml(p.action)}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(p.username ?? '')}"${invalid}${focusUser}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${focusPassword}>
<div class="actions"><button type="submit">Sign in</button></div>
</form>
<form method="post" action="${escapeHtml(p.abortAction)}">
<button type="submit" class="secondary">Cancel</button>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<div class="error" role="alert">${escapeHtml(message)}</div>
<p>Close this window and start the sign-in again from the Client Connector.</p>`,
  );
}
