/** The renderer's files on `app://connector/...`, each answer with the strict CSP. */
import type { Protocol } from 'electron';
import { readStatic } from '../web-shell/static-files.js';
import { APP_HOST, APP_SCHEME, MAIN_CSP } from './security.js';

/** Before `ready`: `app://` is a standard, secure scheme (fetch, code cache, its own origin). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** After `ready`: serves `rendererDir` (traversal-checked by readStatic); anything else is 404. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readStatic(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.type,
        'content-security-policy': MAIN_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
