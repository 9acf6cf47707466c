import { strFromU8 } from 'fflate';
import { z } from 'zod';
import {
  MAX_DIAGNOSTICS_UNPACKED_BYTES,
  timelineEvent,
  type TimelineEvent,
} from '../../../shared/contract/cloud-api/cockpit.js';
import { unzipBounded, ZipRefused } from './unzip-bounded.js';

/** Export Logs' entries (electron/connector/host/logs-zip.ts writes them). */
export const EXPORT_ENTRIES = {
  timeline: 'timeline.json',
  state: 'state.json',
  about: 'about.json',
} as const;

/** What support needs from the snapshot; the rest of state.json is not read. */
const stateFile = z
  .object({
    username: z.string().nullable().optional(),
    lastError: z.object({ code: z.string(), reason: z.string().optional() }).nullable().optional(),
    service: z.object({ code: z.string().optional(), reason: z.string().optional() }).optional(),
    session: z.object({ idpVendor: z.string().optional() }).nullable().optional(),
  })
  .loose();

export interface ExportContents {
  user: string | null;
  timeline: TimelineEvent[];
  /** The errors the snapshot shows (Service Status in error, the last error), with variants. */
  shown: { code: string; reason?: string }[];
  vendor: string | null;
}

/** Reads a customer's Export Logs ZIP; a ZipRefused says what is wrong with it. */
export function readExport(zip: Uint8Array): ExportContents {
  const files = unzipBounded(
    zip,
    new Set(Object.values(EXPORT_ENTRIES)),
    MAX_DIAGNOSTICS_UNPACKED_BYTES,
  );
  const timelineBytes = files.get(EXPORT_ENTRIES.timeline);
  if (!timelineBytes) {
    throw new ZipRefused(
      'no_timeline',
      `The ZIP has no ${EXPORT_ENTRIES.timeline}: it is not an Export Logs ZIP of this client (or of an older version).`,
    );
  }
  const timeline = parseEntry(EXPORT_ENTRIES.timeline, timelineBytes, z.array(timelineEvent));
  const stateBytes = files.get(EXPORT_ENTRIES.state);
  const state = stateBytes ? parseEntry(EXPORT_ENTRIES.state, stateBytes, stateFile) : null;
  return {
    user: state?.username ?? null,
    timeline: [...timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    shown: [state?.service, state?.lastError].flatMap((e) =>
      e?.code ? [{ code: e.code, ...(e.reason ? { reason: e.reason } : {}) }] : [],
    ),
    vendor: state?.session?.idpVendor ?? null,
  };
}

function parseEntry<S extends z.ZodType>(name: string, bytes: Uint8Array, schema: S): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(bytes));
  } catch (e) {
    throw new ZipRefused('bad_entry', `${name} is not valid JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ZipRefused(
      'bad_entry',
      `${name}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return r.data;
}
