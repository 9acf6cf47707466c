import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AboutInfo } from '../../../shared/contract/connector-contract.js';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { ClientLog } from '../../../electron/connector/core/log.js';
import {
  buildLogsZip,
  formatLogLine,
  MAX_LINE_CHARS,
  logsFileName,
} from '../../../electron/connector/host/logs-zip.js';
import { createRedactor } from '../../../electron/connector/host/redact.js';

const TOKEN = 'tok_0123456789abcdefghijklmnopqrstuv';

const snapshot = {
  cloudUrl: 'http://127.0.0.1:8787',
  deviceId: 'dev-1',
  username: 'alice@acme.example',
  service: { status: 'off', since: null, turnedOffByUser: false },
  auth: { status: 'unauthenticated' },
  session: null,
  apps: [],
  connections: [],
  banner: null,
  notifications: [],
  lastError: { code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE', reason: 'not_synced', at: 'x' },
  policyVersion: 3,
  clockOffsetMs: 0,
} as unknown as ConnectorSnapshot;

const about: AboutInfo = {
  appVersion: '0.1.0',
  host: 'web-shell',
  electronVersion: null,
  chromeVersion: null,
  nodeVersion: '20',
  platform: 'linux x64',
  cloudUrl: 'http://127.0.0.1:8787',
  policyVersion: 3,
  deviceId: 'dev-1',
};

describe('Export Logs ZIP', () => {
  it('holds client.log, state.json and about.json, redacted', () => {
    const log = new ClientLog(100, () => Date.UTC(2025, 0, 2, 3, 4, 5));
    log.info('signed in', { user: 'alice@acme.example' });
    log.warn(`resumed with token ${TOKEN}`);
    log.info('redirect http://127.0.0.1:5180/callback?code=one-time-code-123&state=s');
    log.debug('form', { password: 'Passw0rd!' });
    log.level = 'debug';
    log.debug('form', { password: 'Passw0rd!' });
    const zip = buildLogsZip({
      lines: log.all(),
      snapshot,
      about,
      redactor: createRedactor([TOKEN]),
      now: Date.UTC(2025, 0, 2, 3, 4, 5),
    });
    expect(zip.fileName).toBe('ClientConnector-logs-20250102T030405Z.zip');
    const files = unzipSync(zip.bytes);
    expect(Object.keys(files).sort()).toEqual([
      'about.json',
      'client.log',
      'state.json',
      'timeline.json',
    ]);
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('Passw0rd!');
    expect(all).not.toContain('one-time-code-123');
    const lines = strFromU8(files['client.log']!).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('2025-01-02T03:04:05.000Z INFO  signed in {"user":"alice@acme.example"}');
    const state = JSON.parse(strFromU8(files['state.json']!));
    expect(state.lastError.code).toBe('BRK_MT_SETUP_FAIL_SCIM_INACTIVE');
    expect(JSON.parse(strFromU8(files['about.json']!))).toMatchObject({
      appVersion: '0.1.0',
      exportedAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it('stays within the size limit by leaving out the oldest lines, and says so', () => {
    const log = new ClientLog(5000, () => Date.UTC(2025, 0, 2));
    // Incompressible lines: 400 of ~4 KiB each is far more than 256 KiB zipped.
    for (let i = 0; i < 400; i++) log.info(`line ${i} ${randomBytes(3000).toString('base64')}`);
    const bundle = { snapshot, about, redactor: createRedactor([]), now: Date.UTC(2025, 0, 2) };
    const zip = buildLogsZip({ ...bundle, lines: log.all(), maxBytes: 256 * 1024 });
    expect(zip.bytes.length).toBeLessThanOrEqual(256 * 1024);
    const text = strFromU8(unzipSync(zip.bytes)['client.log']!).trim().split('\n');
    expect(text[0]).toMatch(
      /^\[(\d+) older lines left out: exported logs are limited to 262144 bytes\]$/,
    );
    const leftOut = Number(/\d+/.exec(text[0]!)![0]);
    expect(leftOut).toBeGreaterThan(300);
    expect(text).toHaveLength(400 - leftOut + 1);
    expect(text.at(-1)).toContain('line 399 '); // the newest line is kept
    expect(zip.bytes.length).toBeGreaterThan(200 * 1024); // and as many as fit
    // Under the limit nothing is left out.
    const small = buildLogsZip({ ...bundle, lines: log.all().slice(-3), maxBytes: 256 * 1024 });
    expect(strFromU8(unzipSync(small.bytes)['client.log']!)).not.toContain('left out');
  });

  it('cuts a very long line after redacting it (no half secret survives the cut)', () => {
    const log = new ClientLog(10, () => Date.UTC(2025, 0, 2));
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    log.error(`${'x'.repeat(MAX_LINE_CHARS - 300)} key ${pem}`);
    log.info('y'.repeat(3 * MAX_LINE_CHARS));
    const zip = buildLogsZip({
      lines: log.all(),
      snapshot,
      about,
      redactor: createRedactor([]),
      now: Date.UTC(2025, 0, 2),
    });
    const text = strFromU8(unzipSync(zip.bytes)['client.log']!).trim();
    expect(text).not.toContain(pem.split('\n')[2]!);
    expect(text).toContain('[REDACTED]');
    const last = text.split('\n').at(-1)!;
    expect(last.length).toBeLessThan(MAX_LINE_CHARS + 100);
    expect(last).toMatch(/… \[\d+ more characters\]$/);
  });

  it('formats lines and names files', () => {
    expect(formatLogLine({ at: 't', level: 'error', message: 'm' })).toBe('t ERROR m');
    expect(logsFileName(0)).toBe('ClientConnector-logs-19700101T000000Z.zip');
  });
});
