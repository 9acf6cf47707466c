/**
 * An attendee's join page: which cloud URL their connector uses (web shell, Electron Settings,
 * command line), their usernames, the exact commands, and a link that opens their admin console
 * signed in. Plain HTML, no scripts.
 */
import { DEMO_PASSWORD, demoUserNames } from '../seed/demo-tenant.js';
import type { DemoDomains } from '../seed/demo-domains.js';

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const JOIN_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

export interface JoinPageInput {
  attendee: number;
  cloudUrl: string;
  consoleUrl: string;
  adminToken: string;
  domains: DemoDomains;
}

export function joinPage(p: JoinPageInput): string {
  const users = demoUserNames(p.domains);
  const saml = users.acme[0]!;
  const oidc = users.globex[0]!;
  const row = (user: string, how: string) =>
    `<tr><td><code>${escape(user)}</code></td><td>${how}</td></tr>`;
  const cloud = escape(p.cloudUrl);
  const cmd = (s: string) => `<pre><code>${escape(s)}</code></pre>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Attendee ${p.attendee} · Workshop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:48rem;color:#1d2733;padding:0 1rem}
 pre{background:#f3f6f9;padding:.6rem;overflow-x:auto} code{font-size:.9em;word-break:break-all}
 table{border-collapse:collapse} td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #d8dee6}
</style></head>
<body><main>
<h1>Welcome, attendee ${p.attendee}</h1>
<p>Your cloud: <code>${cloud}</code></p>
<p><a href="${escape(p.consoleUrl)}">Open your admin console</a> and sign in with your admin token
(it works only in your tenant; keep this page to yourself):</p>
${cmd(p.adminToken)}
<h2>Your users</h2>
<table aria-label="Your users"><thead><tr><th>Username</th><th>Signs in with</th></tr></thead><tbody>
${users.acme.map((u) => row(u, 'Okta (SAML)')).join('\n')}
${users.globex.map((u) => row(u, 'OIDC')).join('\n')}
</tbody></table>
<p>Password for every user: <code>${escape(DEMO_PASSWORD)}</code></p>
<h2>Connect your Client Connector</h2>
<p>In the browser (web shell):</p>
${cmd(`npm run start:web -- --cloud ${p.cloudUrl}`)}
<p>In the desktop app: <strong>Settings</strong> → <strong>Cloud URL</strong> → <code>${cloud}</code>, then sign in as <code>${escape(saml)}</code>.</p>
<p>From the command line:</p>
${cmd(`npm run connector -- --cloud ${p.cloudUrl} --user ${saml} --password '${DEMO_PASSWORD}' login`)}
${cmd(`npm run connector -- --cloud ${p.cloudUrl} --user ${oidc} --password '${DEMO_PASSWORD}' --method oidc login`)}
</main></body></html>`;
}
