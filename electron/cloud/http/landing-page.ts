import type { IdpConfig } from '../../../shared/model/idp.js';

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The cloud's front page: what it is, its IdPs and where their SCIM endpoints are. No secrets. */
export function landingPage(baseUrl: string, idps: IdpConfig[]): string {
  const rows = idps
    .map(
      (
        i,
      ) => `<tr><td>${escape(i.name)}</td><td>${i.protocol.toUpperCase()}</td><td>${escape(i.vendor)}</td>
        <td>${i.scimSyncEnabled ? 'Enabled' : 'Disabled'}</td><td><code>${escape(i.scimEndpoint)}</code></td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Private Access Cloud (simulator)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1d2733;padding:0 1rem}
 h1{font-size:1.5rem} table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d8dee6}
 th{background:#f3f6f9} code{font-size:.85em;word-break:break-all} .muted{color:#5b6b7c}
</style></head>
<body><main>
<h1>Private Access Cloud (simulator)</h1>
<p class="muted">Mock private-access cloud at <code>${escape(baseUrl)}</code>. Admin API under <code>/api/admin</code> (bearer admin token). <a href="${escape(baseUrl)}/admin">Open the admin console</a>.</p>
<h2>IdP Configuration</h2>
<table aria-label="IdP configurations"><thead><tr><th>Name</th><th>SSO</th><th>Vendor</th><th>SCIM Sync</th><th>SCIM Service Provider Endpoint</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">No IdP configured.</td></tr>'}</tbody></table>
</main></body></html>`;
}
