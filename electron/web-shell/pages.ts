/** The web shell's own small pages: the sign-in popup's waiting / finished pages. No inline code. */

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const PAGE_CSS = `body { font: 16px/1.5 system-ui, sans-serif; background: #f3f5f8; color: #1b1f24; margin: 0; }
main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px;
       box-shadow: 0 1px 4px rgb(0 0 0 / 15%); }
h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
p { margin: .5rem 0; color: #374151; }
`;

/** Closes the popup the Client Connector window opened (allowed: it was opened by script). */
export const CLOSE_JS = `setTimeout(function () { window.close(); }, 600);\n`;

export function shellPage(title: string, message: string, opts: { close?: boolean } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/shell/page.css">
${opts.close ? '<script src="/shell/close.js" defer></script>\n' : ''}</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</main>
</body>
</html>
`;
}

/** Shown when the renderer has not been built (`npm run build:renderer`). */
export function notBuiltPage(dir: string): string {
  return shellPage(
    'Client Connector is not built',
    `The renderer was not found in ${dir}. Run "npm run build:renderer" (npm start and npm run start:web do it for you), then reload.`,
  );
}
