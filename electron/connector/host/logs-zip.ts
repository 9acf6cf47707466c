import { strToU8, zipSync } from 'fflate';
import type { AboutInfo } from '../../../shared/contract/connector-contract.js';
import { MAX_LOGS_ZIP_BYTES } from '../../../shared/contract/issue-report.js';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import type { ClientTimelineEvent } from '../../../shared/state/transition-timeline.js';
import type { LogLine } from '../core/log.js';
import type { Redactor } from './redact.js';

export interface LogsBundle {
  lines: readonly LogLine[];
  /** The client's transitions (client-timeline.ts), read back by the cloud's diagnostics import. */
  timeline?: readonly ClientTimelineEvent[];
  snapshot: ConnectorSnapshot;
  about: AboutInfo;
  redactor: Redactor;
  /** When the export was made (file name and about.json). */
  now: number;
  /** The ZIP's size limit (tests set a smaller one). */
  maxBytes?: number;
}

/** The ZIP entry with the client's timeline: a JSON array of TimelineEvent (source `client`). */
export const TIMELINE_FILE = 'timeline.json';

/** A longer line (a whole HTTP body in an error, say) is cut: its start says what it was. */
export const MAX_LINE_CHARS = 8 * 1024;

/** One log line as text: `<time> <LEVEL> <message> <data as JSON>`. */
export function formatLogLine(line: LogLine): string {
  const data = line.data === undefined ? '' : ` ${safeJson(line.data)}`;
  return `${line.at} ${line.level.toUpperCase().padEnd(5)} ${line.message}${data}`;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** `ClientConnector-logs-20250101T120000Z.zip`. */
export function logsFileName(now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `ClientConnector-logs-${stamp}.zip`;
}

/**
 * Export Logs: a ZIP of `client.log`, `timeline.json` (TIMELINE_FILE: the client's transitions),
 * `state.json` (the snapshot) and `about.json`, every part
 * passed through the redactor. Plain (unencrypted), as the real client's exported logs are. At
 * most `maxBytes` (MAX_LOGS_ZIP_BYTES, what the cloud accepts with a report): when the log does
 * not fit, its oldest lines are left out, and its first line says how many.
 */
export function buildLogsZip(b: LogsBundle): { fileName: string; bytes: Uint8Array } {
  const r = b.redactor;
  // Redacted before it is cut: a cut could leave half a secret that no pattern recognises.
  const text = b.lines.map((l) => cut(r.text(formatLogLine(l))));
  const zipWith = (kept: number) => zipParts(b, text.slice(text.length - kept), text.length - kept);
  const max = b.maxBytes ?? MAX_LOGS_ZIP_BYTES;
  let bytes = zipWith(text.length);
  if (bytes.length > max) {
    // The most recent lines that fit: a binary search on how many are kept.
    let fits = 0;
    let tooMany = text.length;
    while (tooMany - fits > 1) {
      const mid = Math.floor((fits + tooMany) / 2);
      if (zipWith(mid).length <= max) fits = mid;
      else tooMany = mid;
    }
    bytes = zipWith(fits);
  }
  return { fileName: logsFileName(b.now), bytes };
}

function zipParts(b: LogsBundle, lines: string[], leftOut: number): Uint8Array {
  const r = b.redactor;
  const note = leftOut
    ? [
        `[${leftOut} older lines left out: exported logs are limited to ${b.maxBytes ?? MAX_LOGS_ZIP_BYTES} bytes]`,
      ]
    : [];
  const log = [...note, ...lines].join('\n');
  const files = {
    'client.log': strToU8(log ? `${log}\n` : ''),
    [TIMELINE_FILE]: strToU8(`${JSON.stringify(r.value(b.timeline ?? []), null, 2)}\n`),
    'state.json': strToU8(`${JSON.stringify(r.value(b.snapshot), null, 2)}\n`),
    'about.json': strToU8(
      `${JSON.stringify(r.value({ ...b.about, exportedAt: new Date(b.now).toISOString() }), null, 2)}\n`,
    ),
  };
  return zipSync(files, { level: 6, mtime: new Date(b.now) });
}

function cut(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  return `${line.slice(0, MAX_LINE_CHARS)}… [${line.length - MAX_LINE_CHARS} more characters]`;
}
