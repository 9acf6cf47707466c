import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  cockpitRoutes,
  diagnosticsImport,
  MAX_DIAGNOSTICS_ZIP_BYTES,
} from '../../../shared/contract/cloud-api/cockpit.js';
import { isoTime, type Clock } from '../clock/clock.js';
import { AdminError } from '../http/admin-error.js';
import { installAdminScope, sendAdminError, toAdminError } from '../http/admin-scope.js';
import { discardRestOfBody, isBodyTooLarge } from '../http/oversized-body.js';
import { serve } from '../http/route.js';
import type { Store } from '../store/types.js';
import { explainErrors } from './explain.js';
import { readExport } from './read-export.js';
import { ZipRefused } from './unzip-bounded.js';

/** The content types a ZIP may come with (browsers' file inputs often say octet-stream). */
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

/**
 * Support imports a customer's Export Logs ZIP (the request body): its timeline and the errors
 * in it, explained from the catalog, kept so that GET /api/admin/diagnostics/{id} returns them.
 */
export async function diagnosticsImportRoutes(
  app: FastifyInstance,
  opts: { store: Store; clock: Clock; adminTokenHash: string },
) {
  const { store, clock } = opts;
  installAdminScope(app, opts.adminTokenHash);
  // Its own scope: the raw ZIP parser and the 413 answer stay with these routes.
  await app.register(async (scope) => zipRoutes(scope, store, clock));
}

function zipRoutes(app: FastifyInstance, store: Store, clock: Clock) {
  // The ZIP arrives raw, not as JSON: the body is the file, at most MAX_DIAGNOSTICS_ZIP_BYTES.
  app.addContentTypeParser(ZIP_TYPES, { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((err, _req, reply) => {
    if (isBodyTooLarge(err)) {
      discardRestOfBody(reply);
      const e = new AdminError(
        413,
        'too_large',
        `The ZIP is larger than ${MAX_DIAGNOSTICS_ZIP_BYTES} bytes: Export Logs ZIPs are smaller.`,
      );
      return reply.code(413).send(e.toBody());
    }
    return sendAdminError(reply, toAdminError(err));
  });

  serve(app, cockpitRoutes.importDiagnostics, (_input, req) => {
    if (!Buffer.isBuffer(req.body)) {
      throw new AdminError(
        400,
        'not_zip',
        `Send the Export Logs ZIP itself as the body, with Content-Type ${ZIP_TYPES[0]}.`,
      );
    }
    let contents;
    try {
      contents = readExport(new Uint8Array(req.body));
    } catch (e) {
      if (e instanceof ZipRefused) throw new AdminError(400, e.reason, e.message);
      throw e;
    }
    const id = `DIAG-${isoTime(clock.now()).slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
    const answer = diagnosticsImport.parse({
      id,
      user: contents.user,
      timeline: contents.timeline,
      errors: explainErrors(contents),
    });
    store.diagnostics.insert({ id, createdAt: clock.now(), doc: answer });
    return answer;
  });

  serve(app, cockpitRoutes.getDiagnostics, ({ params }) => {
    const doc = store.diagnostics.get(params.id);
    if (doc === undefined) {
      throw new AdminError(404, 'not_found', `No imported diagnostics ${params.id}.`);
    }
    return diagnosticsImport.parse(doc);
  });
}
