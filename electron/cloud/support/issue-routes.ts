import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONNECTOR_CALLS } from '../../../shared/contract/connector-contract.js';
import { FAMILY_CODES } from '../../../shared/errors/codes.js';
import { installAdminScope } from '../admin/routes.js';
import type { SessionService } from '../auth/sessions.js';
import { isoTime, type Clock } from '../clock/clock.js';
import { AdminError } from '../admin/admin-error.js';
import { bearerToken } from '../security/tokens.js';
import type { Store } from '../store/types.js';

/** A logs ZIP may be large; the rest of the API keeps the 1 MiB body limit. */
const MAX_REPORT_BYTES = 12 * 1024 * 1024;
const MAX_LOG_BYTES = 8 * 1024 * 1024;

/**
 * Each refusal carries the client's "Failed to report an issue" code (domain.md §1.4, 8790–8810),
 * so the connector can say exactly what was wrong.
 */
const FIELD_CODES: Record<string, string> = {
  'form.name': '8790',
  'form.email': '8792',
  'form.cc': '8794',
  'form.problem': '8796',
  'form.priority': '8796',
  'form.comments': '8798',
  logs: '8800',
  'logs.fileName': '8800',
  'logs.base64': '8802',
};

const reportSchema = z
  .object({
    // The same form the connector validated (shared/contract), checked again here.
    form: CONNECTOR_CALLS.reportIssue,
    deviceId: z.string().min(1).max(128),
    username: z.string().max(256).nullable().default(null),
    about: z.record(z.string(), z.unknown()).default({}),
    logs: z
      .object({
        fileName: z.string().regex(/^[\w.-]{1,128}\.zip$/, 'must be a .zip file name'),
        base64: z.string().max(Math.ceil((MAX_LOG_BYTES * 4) / 3) + 4, 'the log file is too large'),
      })
      .strict(),
  })
  .strict();

/**
 * "Report an Issue": connectors send the form and their redacted logs; the support admin reads
 * them through the admin API. Stored at the cloud, like the real service's tickets.
 */
export async function issueRoutes(
  app: FastifyInstance,
  opts: { store: Store; clock: Clock; sessions: SessionService; adminTokenHash: string },
) {
  const { store, clock, sessions } = opts;

  app.post('/api/connector/issues', { bodyLimit: MAX_REPORT_BYTES }, async (req, reply) => {
    const token = bearerToken(req.headers.authorization);
    // Signed in or not, a report is accepted; a session (when valid) names who sent it.
    let session = null;
    try {
      session = token ? sessions.authenticate(token) : null;
    } catch {
      session = null;
    }
    const r = reportSchema.safeParse(req.body);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field = issue.path.join('.');
      return reply.code(400).send({
        error: {
          code: FIELD_CODES[field] ?? '8804',
          message: `${field || '(body)'}: ${issue.message}`,
        },
      });
    }
    const logs = Buffer.from(r.data.logs.base64, 'base64');
    // A ZIP starts with "PK\x03\x04" (or is the empty-archive "PK\x05\x06").
    if (logs.length < 4 || logs[0] !== 0x50 || logs[1] !== 0x4b) {
      return reply.code(400).send({
        error: {
          code: FAMILY_CODES.ISSUE_REPORT_LOGS_INVALID,
          message: 'logs.base64: not a ZIP file',
        },
      });
    }
    const id = `ISS-${isoTime(clock.now()).slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const { logs: logMeta, ...rest } = r.data;
    store.issues.insert({
      id,
      createdAt: clock.now(),
      userName: session?.userName ?? r.data.username,
      doc: {
        ...rest,
        logs: { fileName: logMeta.fileName, bytes: logs.length },
        sessionId: session?.id ?? null,
      },
      logs,
    });
    return reply.code(201).send({ id });
  });

  await app.register(async (scope) => {
    installAdminScope(scope, opts.adminTokenHash);
    scope.get(
      '/api/admin/issues',
      async (req: FastifyRequest<{ Querystring: { limit?: string; offset?: string } }>) => {
        const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 50) || 50));
        const offset = Math.max(0, Number(req.query.offset ?? 0) || 0);
        const { total, reports } = store.issues.list(limit, offset);
        return { total, reports: reports.map((x) => ({ ...x, createdAt: isoTime(x.createdAt) })) };
      },
    );
    scope.get(
      '/api/admin/issues/:id/logs',
      async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
        const logs = store.issues.logs(req.params.id);
        if (!logs)
          throw new AdminError(404, 'not_found', `No issue report ${req.params.id} with logs.`);
        return reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="${req.params.id}-logs.zip"`)
          .send(logs);
      },
    );
  });
}
