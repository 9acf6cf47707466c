import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { MAX_LOGS_ZIP_BYTES } from '../../../shared/contract/issue-report.js';
import { FAMILY_CODES } from '../../../shared/errors/codes.js';
import { adminRoutes } from '../../../shared/contract/cloud-api/admin.js';
import {
  supportRoutes,
  type storedIssueReport,
} from '../../../shared/contract/cloud-api/support.js';
import { installAdminScope } from '../http/admin-scope.js';
import { serve } from '../http/route.js';
import type { SessionService } from '../auth/sessions.js';
import { isoTime, type Clock } from '../clock/clock.js';
import { AdminError } from '../http/admin-error.js';
import { discardRestOfBody, isBodyTooLarge } from '../http/oversized-body.js';
import { bearerToken } from '../security/tokens.js';
import type { StoredSession, Store } from '../store/types.js';
import { ReportQuota } from './report-quota.js';

const { reportIssue } = supportRoutes;
/** A report as stored: the contract's shape, written by this route only. */
type StoredIssueReport = z.output<typeof storedIssueReport>;
const MAX_REPORT_BYTES = reportIssue.bodyLimit;

/** The client's "Failed to report an issue" codes (8790–8810) for refusals of the whole report. */
const REPORT_CODES = {
  invalid: '8804',
  tooLarge: '8806',
  signInRequired: '8808',
  tooMany: '8810',
} as const;

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

/**
 * "Report an Issue": connectors send the form and their redacted logs; the support admin reads
 * them through the admin API. Stored at the cloud, like the real service's tickets.
 */
export async function issueRoutes(
  app: FastifyInstance,
  opts: { store: Store; clock: Clock; sessions: SessionService; adminTokenHash: string },
) {
  const quota = new ReportQuota();
  const senders = new WeakMap<FastifyRequest, StoredSession>();
  app.post(
    reportIssue.path,
    {
      bodyLimit: MAX_REPORT_BYTES,
      onRequest: admitSender(opts.sessions, quota, senders),
      errorHandler: reportErrorHandler,
    },
    async (req, reply) => {
      const session = senders.get(req)!;
      const report = readReport(req.body);
      if ('refused' in report) return reply.code(400).send(report.refused);
      const id = `ISS-${isoTime(opts.clock.now()).slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
      const { logs: logMeta, ...rest } = report.data;
      opts.store.issues.insert({
        id,
        createdAt: opts.clock.now(),
        userName: session.userName,
        doc: {
          ...rest,
          logs: { fileName: logMeta.fileName, bytes: report.logs.length },
          sessionId: session.id,
        } satisfies StoredIssueReport,
        logs: report.logs,
      });
      quota.spend(session.deviceId);
      return reply.code(201).send({ id });
    },
  );
  await app.register(async (scope) => adminIssueRoutes(scope, opts.store, opts.adminTokenHash));
}

/**
 * Before the body is read: a signed-in connector (its session names who sent the report and
 * from which device) with reports left on that device's quota.
 */
function admitSender(
  sessions: SessionService,
  quota: ReportQuota,
  senders: WeakMap<FastifyRequest, StoredSession>,
) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    let session: StoredSession;
    try {
      session = sessions.authenticate(bearerToken(req.headers.authorization));
    } catch {
      return refuse(
        reply,
        401,
        'signInRequired',
        'Sign in to Client Connector to report an issue.',
      );
    }
    const wait = quota.waitSeconds(session.deviceId);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return refuse(
        reply,
        429,
        'tooMany',
        `Too many reports from this device: try again in ${wait} seconds.`,
      );
    }
    senders.set(req, session);
  };
}

type ReportBody = z.output<typeof reportIssue.body>;

/** The report's fields, each refusal with its client code, and its logs ZIP decoded. */
function readReport(
  body: unknown,
): { data: ReportBody; logs: Buffer } | { refused: { error: { code: string; message: string } } } {
  const r = reportIssue.body.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.');
    return {
      refused: {
        error: {
          code: FIELD_CODES[field] ?? REPORT_CODES.invalid,
          message: `${field || '(body)'}: ${issue.message}`,
        },
      },
    };
  }
  const logs = Buffer.from(r.data.logs.base64, 'base64');
  // A ZIP starts with "PK\x03\x04" (or is the empty-archive "PK\x05\x06").
  if (logs.length < 4 || logs[0] !== 0x50 || logs[1] !== 0x4b) {
    return {
      refused: {
        error: {
          code: FAMILY_CODES.ISSUE_REPORT_LOGS_INVALID,
          message: 'logs.base64: not a ZIP file',
        },
      },
    };
  }
  return { data: r.data, logs };
}

/** The support admin's side: the reports, and each report's logs ZIP. */
function adminIssueRoutes(scope: FastifyInstance, store: Store, adminTokenHash: string) {
  installAdminScope(scope, adminTokenHash);
  serve(scope, adminRoutes.listIssues, ({ query }) => {
    const { total, reports } = store.issues.list(query.limit, query.offset);
    // The store keeps the doc this route wrote (StoredIssueReport) as JSON; older clouds wrote
    // it without the session.
    const view = (x: (typeof reports)[number]) => {
      const doc = x.doc as Omit<StoredIssueReport, 'sessionId'> & { sessionId?: string | null };
      return {
        ...x,
        doc: { ...doc, sessionId: doc.sessionId ?? null },
        createdAt: isoTime(x.createdAt),
      };
    };
    return { total, reports: reports.map(view) };
  });
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
}

function refuse(
  reply: FastifyReply,
  status: number,
  why: keyof typeof REPORT_CODES,
  message: string,
): FastifyReply {
  return reply.code(status).send({ error: { code: REPORT_CODES[why], message } });
}

/** A body over the limit gets a 413 the client can read; bad JSON a 400; the rest is ours. */
function reportErrorHandler(err: unknown, _req: FastifyRequest, reply: FastifyReply) {
  if (isBodyTooLarge(err)) {
    discardRestOfBody(reply);
    return refuse(
      reply,
      413,
      'tooLarge',
      `The report is larger than ${MAX_REPORT_BYTES} bytes: its logs ZIP may be at most ${MAX_LOGS_ZIP_BYTES} bytes.`,
    );
  }
  const status = (err as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) {
    return refuse(reply, status, 'invalid', (err as Error).message);
  }
  throw err;
}
