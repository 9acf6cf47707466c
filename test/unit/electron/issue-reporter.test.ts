import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  IssueReporter,
  type IssueReport,
} from '../../../electron/connector/host/issue-reporter.js';

const report: IssueReport = {
  form: {
    name: 'Erin',
    email: 'erin@globex.example',
    cc: '',
    problem: 'Other',
    priority: 'Normal',
    comments: 'x',
  },
  deviceId: 'd',
  username: null,
  about: {} as IssueReport['about'],
  logs: { fileName: 'logs.zip', base64: Buffer.from('PK\x05\x06').toString('base64') },
};

describe('IssueReporter', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [401, { error: { code: '8808', message: 'Sign in to Client Connector to report an issue.' } }],
    [
      429,
      {
        error: {
          code: '8810',
          message: 'Too many reports from this device: try again in 60 seconds.',
        },
      },
    ],
  ])(
    'keeps the report locally with the cloud’s reason when it answers %i',
    async (status, body) => {
      dir = mkdtempSync(join(tmpdir(), 'reporter-'));
      const cloud = (async () => Response.json(body, { status })) as typeof fetch;
      const r = await new IssueReporter(dir, cloud).submit('http://cloud', report, null);
      expect(r.stored).toBe('local');
      expect(r.reason).toBe(
        `the cloud answered HTTP ${status}: ${body.error.message} (${body.error.code})`,
      );
      const saved = JSON.parse(readFileSync(join(dir, 'issues', r.id, 'issue.json'), 'utf8'));
      expect(saved.reason).toBe(r.reason);
    },
  );
});
