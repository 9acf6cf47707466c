import type { z } from 'zod';
import type { explainedError } from '../../../shared/contract/cloud-api/cockpit.js';
import { describeError } from '../../../shared/errors/catalog.js';
import type { ExportContents } from './read-export.js';

export type ExplainedError = z.output<typeof explainedError>;

/**
 * The errors the client met, each once, explained from the error catalog: the codes its
 * timeline marks as errors, and those its snapshot shows (whose variant, e.g. not_synced, and
 * the IdP's vendor pick the catalog's most precise entry).
 */
export function explainErrors(contents: ExportContents): ExplainedError[] {
  const codes = contents.timeline.filter((e) => e.error && e.code).map((e) => e.code!);
  codes.push(...contents.shown.map((e) => e.code));
  return [...new Set(codes)].map((code) => {
    const reason = contents.shown.find((e) => e.code === code && e.reason)?.reason;
    const entry = describeError(code, reason, contents.vendor ?? undefined);
    return {
      code,
      title: entry.title,
      cause: entry.cause,
      userAction: entry.userAction,
      adminAction: entry.adminAction,
    };
  });
}
