import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AdminError } from '../http/admin-error.js';

/** The admin console's CSP: its own files only, no inline code, no framing. */
export const ADMIN_CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** What the console's page says when the build is missing, and how to make it. */
export const CONSOLE_NOT_BUILT =
  'The admin console is not built yet. Run "npm run build:renderer" (npm start and npm run cloud do it for you), then reload this page.';

export interface AdminConsoleOptions {
  /** The built renderer (holding console/index.html and assets/); default: dist/renderer. */
  dir?: string;
}

/**
 * Where the build is: dist/renderer from source (three folders up from this module), or
 * ../renderer next to the bundled cloud entry (dist/electron/cloud-entry.mjs), as packaged.
 */
export function defaultConsoleDir(): string {
  const candidates = ['../../../dist/renderer/', '../renderer/'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((d) => existsSync(consoleIndex(d))) ?? candidates[0]!;
}

export const consoleIndex = (dir: string): string => join(dir, 'console', 'index.html');

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
};

/** A hashed build file name (console-AbC123.js): no folders, so no way out of assets/. */
const ASSET_NAME = /^[\w-]+(?:\.[\w-]+)*\.(js|css|map|svg)$/;

const notBuiltPage = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Admin console not built</title></head>
<body><h1>Admin console</h1><p role="alert">${CONSOLE_NOT_BUILT}</p></body></html>`;

/**
 * The admin console at GET /admin: the React app of renderer/console, built by Vite into
 * dist/renderer (its page at console/index.html, its code under assets/, which the page names
 * as /admin/assets/...). It asks for the admin token and drives the admin API with fetch. The
 * files are read per request, so a build made after the cloud started is served; when the build
 * is missing, /admin says how to make it (503).
 */
export async function adminConsoleRoutes(app: FastifyInstance, opts: AdminConsoleOptions) {
  const dir = opts.dir ?? defaultConsoleDir();
  const send = (reply: FastifyReply, type: string, body: string | Buffer, immutable = false) =>
    reply
      .header('Content-Security-Policy', ADMIN_CONSOLE_CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .type(type)
      .send(body);

  const page = async (_req: unknown, reply: FastifyReply) => {
    const html = await readFile(consoleIndex(dir), 'utf8').catch(() => null);
    if (html === null) return send(reply.code(503), 'text/html; charset=utf-8', notBuiltPage());
    return send(reply, 'text/html; charset=utf-8', html);
  };
  app.get('/admin', page);
  app.get('/admin/', page);

  app.get<{ Params: { name: string } }>('/admin/assets/:name', async (req, reply) => {
    const match = ASSET_NAME.exec(req.params.name);
    const body = match
      ? await readFile(join(dir, 'assets', req.params.name)).catch(() => null)
      : null;
    if (!match || body === null) {
      const error = new AdminError(404, 'not_found', `No console file ${req.params.name}.`);
      return reply.code(404).send(error.toBody());
    }
    return send(reply, TYPES[match[1]!]!, body, true);
  });
}
