/** Report an Issue: a connector sends the form and its redacted logs ZIP. */
import { z } from '../zod.js';
import { CONNECTOR_CALLS } from '../connector-contract.js';
import { MAX_LOGS_ZIP_BYTES } from '../issue-report.js';
import { routes } from './route.js';
import { isoDateTime } from './session.js';

/** The logs ZIP in base64. */
const MAX_LOGS_BASE64_CHARS = Math.ceil(MAX_LOGS_ZIP_BYTES / 3) * 4;

/** The logs ZIP in base64, and room for the form, the about data and the JSON around them. */
export const MAX_REPORT_BYTES = MAX_LOGS_BASE64_CHARS + 64 * 1024;

const issueReport = z
  .object({
    // The same form the connector validated (its own call contract), checked again by the cloud.
    form: CONNECTOR_CALLS.reportIssue,
    deviceId: z.string().min(1).max(128),
    username: z.string().max(256).nullable().default(null),
    about: z.record(z.string(), z.unknown()).default({}),
    logs: z
      .object({
        fileName: z.string().regex(/^[\w.-]{1,128}\.zip$/, 'must be a .zip file name'),
        base64: z
          .string()
          .max(MAX_LOGS_BASE64_CHARS, `the log file is over ${MAX_LOGS_ZIP_BYTES} bytes`),
      })
      .strict(),
  })
  .strict();

/** A report as the cloud keeps it: the form and about data, the logs ZIP's name and size. */
export const storedIssueReport = issueReport.omit({ logs: true }).extend({
  logs: z.object({ fileName: z.string(), bytes: z.number().int() }),
  // The sender's session; null for reports stored before the cloud kept it.
  sessionId: z.string().nullable(),
});

/** GET /api/admin/issues: a page of reports, newest first (the logs ZIP is fetched apart). */
export const issueReportPage = z.object({
  total: z.number().int(),
  reports: z.array(
    z.object({
      id: z.string(),
      createdAt: isoDateTime,
      userName: z.string().nullable(),
      doc: storedIssueReport,
      logsBytes: z.number().int(),
    }),
  ),
});

export const supportRoutes = routes({
  reportIssue: {
    method: 'POST',
    path: '/api/connector/issues',
    auth: 'session',
    summary: 'Report an Issue: the form, the device and the redacted logs ZIP (base64)',
    status: 201,
    // The route validates it itself (after the session and quota checks), answering each field
    // with its 87xx/88xx client code.
    body: issueReport,
    bodyLimit: MAX_REPORT_BYTES,
    response: z.object({ id: z.string() }),
  },
});
