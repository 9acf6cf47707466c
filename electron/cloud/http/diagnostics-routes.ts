import type { FastifyInstance } from 'fastify';
import { diagnosticsRoutes as contract } from '../../../shared/contract/cloud-api/diagnostics.js';
import { openApiDocument } from '../../../shared/contract/cloud-api/openapi.js';
import { isoTime, type Clock } from '../clock/clock.js';
import { connectorErrorHandler } from '../auth/auth-error.js';
import { serve } from './route.js';

/** GET /api/health and GET /api/openapi.json (built once, on first request). */
export async function diagnosticsRoutes(
  app: FastifyInstance,
  opts: { clock: Clock; baseUrl: () => string },
) {
  app.setErrorHandler(connectorErrorHandler);
  let document: Record<string, unknown> | undefined;
  serve(app, contract.health, () => ({ status: 'ok' as const, time: isoTime(opts.clock.now()) }));
  serve(app, contract.openApi, () => (document ??= openApiDocument(opts.baseUrl())));
}
