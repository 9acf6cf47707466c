import { strToU8, zipSync } from 'fflate';
import type { AboutInfo } from '../../../shared/contract/connector-contract.js';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import type { LogLine } from '../core/log.js';
import type { Redactor } from './redact.js';

export interface LogsBundle {
  lines: readonly LogLine[];
  snapshot: ConnectorSnapshot;
  about: AboutInfo;
  redactor: Redactor;
  /** When the export was made (file name and about.json). */
  now: number;
}

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
 * Export Logs: a ZIP of `client.log`, `state.json` (the snapshot) and `about.json`, every part
 * passed through the redactor. Plain (unencrypted), as the real client's exported logs are.
 */
export function buildLogsZip(b: LogsBundle): { fileName: string; bytes: Uint8Array } {
  const r = b.redactor;
  const log = b.lines.map((l) => r.text(formatLogLine(l))).join('\n');
  const files = {
    'client.log': strToU8(log ? `${log}\n` : ''),
    'state.json': strToU8(`${JSON.stringify(r.value(b.snapshot), null, 2)}\n`),
    'about.json': strToU8(
      `${JSON.stringify(r.value({ ...b.about, exportedAt: new Date(b.now).toISOString() }), null, 2)}\n`,
    ),
  };
  const mtime = new Date(b.now);
  return {
    fileName: logsFileName(b.now),
    bytes: zipSync(files, { level: 6, mtime }),
  };
}
