import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The admin console's CSP: its own files only, no inline code, no framing. */
export const ADMIN_CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'";

export interface AdminConsoleOptions {
  /** Folder holding index.html, console.js and console.css (default: next to this module). */
  dir?: string;
}

/**
 * Where the static files are: `./console/` next to this module from source, `./admin-console/`
 * next to the bundled cloud entry (build/build-electron.mjs copies them there).
 */
function defaultDir(): string {
  const candidates = ['./console/', './admin-console/'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0]!;
}

/**
 * The admin console at GET /admin: a static page (no build step) that asks for the admin token and
 * drives the admin API with fetch. The files are read once, at registration.
 */
export async function adminConsoleRoutes(app: FastifyInstance, opts: AdminConsoleOptions) {
  const dir = opts.dir ?? defaultDir();
  const files = {
    html: readFileSync(join(dir, 'index.html'), 'utf8'),
    js: readFileSync(join(dir, 'console.js'), 'utf8'),
    css: readFileSync(join(dir, 'console.css'), 'utf8'),
  };
  const send = (reply: FastifyReply, type: string, body: string) =>
    reply
      .header('Content-Security-Policy', ADMIN_CONSOLE_CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', 'no-cache')
      .type(type)
      .send(body);

  app.get('/admin', async (_req, reply) => send(reply, 'text/html; charset=utf-8', files.html));
  app.get('/admin/console.js', async (_req, reply) =>
    send(reply, 'text/javascript; charset=utf-8', files.js),
  );
  app.get('/admin/console.css', async (_req, reply) =>
    send(reply, 'text/css; charset=utf-8', files.css),
  );
}
