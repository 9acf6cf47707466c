/**
 * The trainer's live view: a Server-Sent Events feed of one row per attendee, pushed when a
 * connector signs in and connects, and when the trainer acts on one attendee or on all.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkshop, type RunningWorkshop } from '../../../electron/cloud/workshop/workshop.js';
import { admin, type Body } from '../../helpers/cloud.js';
import { demoSessionToken } from '../../helpers/connector-session.js';
import { openSse, type SseStream } from './sse-client.js';

let w: RunningWorkshop;
let feed: SseStream;
const sockets: WebSocket[] = [];
const trainer = () => admin({ baseUrl: w.baseUrl, adminToken: w.adminToken });
const rowOf = (k: number) => (d: unknown) =>
  (d as Body).type === 'attendee' && (d as Body).status.attendee === k;

/** A signed-in connector of attendee k on its push channel. */
async function connect(k: number, user: string) {
  const url = `${w.baseUrl}/t/${k}`;
  const token = await demoSessionToken(url, user, `laptop-${k}-${sockets.length}`);
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/connector/events`, {
    headers: { authorization: `Bearer ${token}` },
  });
  sockets.push(ws);
  await new Promise((resolve, reject) => ws.once('message', resolve).once('error', reject));
}

beforeAll(async () => {
  w = await startWorkshop({ attendees: 3, db: ':memory:', port: 0 });
  feed = await openSse(`${w.baseUrl}/api/admin/workshop/events`, w.adminToken);
}, 60_000);

afterAll(async () => {
  feed?.close();
  for (const s of sockets) s.terminate();
  await w?.close();
});

describe("the trainer's live feed", () => {
  it('starts with every row', async () => {
    const first = (await feed.next()).data as Body;
    expect(first.type).toBe('snapshot');
    expect(first.attendees.map((a: Body) => a.attendee)).toEqual([1, 2, 3]);
    expect(first.attendees[0]).toMatchObject({
      connectors: 0,
      serviceStatus: 'Off',
      authenticationStatus: 'Not Authenticated',
      lastErrorCode: null,
      scimSyncEnabled: false,
    });
  });

  it("shows an attendee's connector once it signs in and connects", async () => {
    await connect(2, 'alice@acme-2.example');
    const row = (await feed.until(
      (d) => rowOf(2)(d) && (d as Body).status.connectors === 1,
    )) as Body;
    expect(row.status).toMatchObject({
      serviceStatus: 'On',
      authenticationStatus: 'Authenticated',
    });
  });

  it("pushes one attendee's action to that attendee's row", async () => {
    const res = await trainer().post('/workshop/actions', {
      attendees: [2],
      action: { type: 'scimAttributesForPolicy', enabled: true },
    });
    expect(res.body).toEqual({ results: [{ attendee: 2, ok: true }] });
    const row = (await feed.until(
      (d) => rowOf(2)(d) && (d as Body).status.reauthRequired === 1,
    )) as Body;
    expect(row.status).toMatchObject({
      authenticationStatus: 'Authentication Required',
      scimSyncEnabled: true,
      scimAttributesForPolicy: true,
    });
    const rows = (await trainer().get('/workshop/status')).body as Body[];
    expect(rows.map((r) => r.scimAttributesForPolicy)).toEqual([false, true, false]);
  });

  it("pushes an action for all to everyone's row", async () => {
    await trainer().post('/workshop/actions', {
      attendees: 'all',
      action: { type: 'scimSync', enabled: true, idps: 'saml' },
    });
    const seen = new Set<number>();
    await feed.until((d) => {
      const b = d as Body;
      if (b.type === 'attendee' && b.status.scimSyncEnabled) seen.add(b.status.attendee);
      return seen.has(1) && seen.has(3);
    });
    const rows = (await trainer().get('/workshop/status')).body as Body[];
    expect(rows.every((r) => r.scimSyncEnabled)).toBe(true);
  });

  it('refuses bad actions in the admin error shape', async () => {
    const bad = await trainer().post('/workshop/actions', { attendees: [], action: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    const unknown = await trainer().post('/workshop/actions', {
      attendees: [9],
      action: { type: 'scimSync', enabled: true },
    });
    expect(unknown.status).toBe(404);
    const attendeeToken = (await trainer().get('/attendees')).body[0].adminToken;
    const asAttendee = await admin({ baseUrl: w.baseUrl, adminToken: attendeeToken }).get(
      '/workshop/status',
    );
    expect(asAttendee.status).toBe(403);
  });
});
