/**
 * The cloud batches its own timeline records (one transaction per burst), but a connector's
 * report is a write it acknowledges: it must be in the database file when the 204 arrives, as
 * another connection to the file sees it, not 50 ms later.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { httpRequest } from '../helpers/cloud.js';
import { demoSessionToken } from '../helpers/connector-session.js';

let dir: string;
let cloud: RunningCloud;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'timeline-committed-'));
  cloud = await startCloud({ port: 0, db: join(dir, 'cloud.db') });
});
afterAll(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

it("a connector's timeline report is committed before the cloud answers it", async () => {
  const token = await demoSessionToken(cloud.baseUrl, 'erin@globex.example', 'dev-committed');
  const text = `reported ${Date.now()}`;
  const answer = await httpRequest(
    'POST',
    `${cloud.baseUrl}/api/connector/timeline`,
    {
      body: {
        events: [
          { at: new Date().toISOString(), source: 'client', code: null, text, error: false },
        ],
      },
      headers: { authorization: `Bearer ${token}` },
    },
    {},
    'application/json',
  );
  expect(answer.status).toBe(204);
  const reader = new Database(join(dir, 'cloud.db'), { readonly: true });
  try {
    const row = reader
      .prepare("SELECT count(*) AS n FROM timeline_events WHERE source = 'client' AND text = ?")
      .get(text) as { n: number };
    expect(row.n).toBe(1);
  } finally {
    reader.close();
  }
});
