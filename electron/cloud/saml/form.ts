/** application/x-www-form-urlencoded bodies (the SAML HTTP-POST binding, login forms). */
import type { FastifyInstance } from 'fastify';

const FORM = 'application/x-www-form-urlencoded';

/** Adds a form parser to this encapsulated scope, unless a parent scope already has one. */
export function acceptUrlEncodedForms(app: FastifyInstance): void {
  if (app.hasContentTypeParser(FORM)) return;
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_req, body, done) => {
    const fields = Object.create(null) as Record<string, string>; // no __proto__ tricks
    // The first value wins: a repeated SAMLResponse must not override the one checked.
    for (const [k, v] of new URLSearchParams(body as string)) if (!(k in fields)) fields[k] = v;
    done(null, fields);
  });
}

/** A string field of a parsed form (or query) body; the first value when repeated. */
export function formField(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}
