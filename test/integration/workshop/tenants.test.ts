/**
 * Workshop mode: one cloud, a tenant per attendee under /t/<k>. Each tenant has its own IdPs
 * (acme-k.example, globex-k.example), SCIM endpoints and tokens, sessions, clock and admin token;
 * the trainer's token works everywhere, an attendee's only in their own tenant.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkshop, type RunningWorkshop } from '../../../electron/cloud/workshop/workshop.js';
import { admin, httpRequest, scim, type Body } from '../../helpers/cloud.js';
import { demoSessionToken } from '../../helpers/connector-session.js';

let w: RunningWorkshop;
let attendees: Body[];
const urlOf = (k: number) => `${w.baseUrl}/t/${k}`;
const tokenOf = (k: number) => attendees.find((a) => a.attendee === k).adminToken as string;
const tenantAdmin = (k: number, token = tokenOf(k)) =>
  admin({ baseUrl: urlOf(k), adminToken: token });
const connectorState = (k: number, session: string) =>
  httpRequest('GET', `${urlOf(k)}/api/connector/state`, {
    headers: { authorization: `Bearer ${session}` },
  });

beforeAll(async () => {
  w = await startWorkshop({ attendees: 4, db: ':memory:', port: 0 });
  const res = await admin({ baseUrl: w.baseUrl, adminToken: w.adminToken }).get('/attendees');
  expect(res.status).toBe(200);
  attendees = res.body;
}, 60_000);

afterAll(async () => {
  await w?.close();
});

describe('the attendees list', () => {
  it('gives each attendee a tenant, an admin token, console and join links and domains', () => {
    expect(attendees.map((a) => a.attendee)).toEqual([1, 2, 3, 4]);
    const third = attendees[2];
    expect(third).toMatchObject({
      domains: ['acme-3.example', 'globex-3.example'],
      cloudUrl: urlOf(3),
      joinUrl: expect.stringMatching(new RegExp(`^${w.baseUrl}/join/3\\?token=`)),
      consoleUrl: `${urlOf(3)}/admin`,
    });
    expect(new Set(attendees.map((a) => a.tenantId)).size).toBe(4);
    expect(new Set(attendees.map((a) => a.adminToken)).size).toBe(4);
  });

  it("is the trainer's: an attendee's token gets 403, no token 401", async () => {
    const asAttendee = await admin({ baseUrl: w.baseUrl, adminToken: tokenOf(2) }).get(
      '/attendees',
    );
    expect(asAttendee.status).toBe(403);
    expect(asAttendee.body.error.code).toBe('forbidden');
    const anonymous = await admin({ baseUrl: w.baseUrl, adminToken: '' }, null).get('/attendees');
    expect(anonymous.status).toBe(401);
  });

  it("serves each attendee's join page with their cloud URL and usernames", async () => {
    const page = await (await fetch(attendees[2].joinUrl)).text();
    expect(page).toContain(`--cloud ${urlOf(3)}`);
    expect(page).toContain('alice@acme-3.example');
    expect(page).toContain('erin@globex-3.example');
    expect(page).toContain(tokenOf(3));
    const wrong = await fetch(`${w.baseUrl}/join/3?token=${tokenOf(4)}`);
    expect(wrong.status).toBe(404);
  });

  it('draws a QR code of the join link for the trainer', async () => {
    const res = await admin({ baseUrl: w.baseUrl, adminToken: w.adminToken }).get(
      '/attendees/3/qr',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.text).toMatch(/^<svg[\s\S]*<path/);
  });
});

describe('the admin API per tenant', () => {
  it('answers an attendee in their own tenant, with their own domains and URLs', async () => {
    const idps = await tenantAdmin(3).idps();
    expect(idps.flatMap((i) => i.domains).sort()).toEqual(['acme-3.example', 'globex-3.example']);
    for (const i of idps) expect(i.scimEndpoint.startsWith(`${urlOf(3)}/scim/`)).toBe(true);
  });

  it("refuses an attendee's token in another tenant with 403, and a wrong token with 401", async () => {
    const other = await tenantAdmin(4, tokenOf(3)).get('/idps');
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    const root = await admin({ baseUrl: w.baseUrl, adminToken: tokenOf(3) }).get('/idps');
    expect(root.status).toBe(403);
    expect((await tenantAdmin(4, 'not-a-token').get('/idps')).status).toBe(401);
  });

  it("lets the trainer's token into every tenant", async () => {
    const idps = await tenantAdmin(4, w.adminToken).idps();
    expect(idps.flatMap((i) => i.domains)).toContain('acme-4.example');
  });
});

describe('SCIM per tenant', () => {
  it("takes a tenant's SCIM token only at that tenant's endpoint", async () => {
    const api1 = tenantAdmin(1);
    const okta1 = await api1.idp('Okta');
    await api1.updateIdp(okta1.id, { scimSyncEnabled: true });
    const token1 = await api1.newScimToken(okta1.id);
    const api2 = tenantAdmin(2);
    const okta2 = await api2.idp('Okta');
    await api2.updateIdp(okta2.id, { scimSyncEnabled: true });
    await api2.newScimToken(okta2.id);

    expect((await scim(okta1.scimEndpoint, token1).get('/Users')).status).toBe(200);
    expect((await scim(okta2.scimEndpoint, token1).get('/Users')).status).toBe(401);
  });
});

describe('sessions and clocks per tenant', () => {
  let s3: string;
  let s4: string;

  beforeAll(async () => {
    s3 = await demoSessionToken(urlOf(3), 'alice@acme-3.example', 'laptop-3');
    s4 = await demoSessionToken(urlOf(4), 'alice@acme-4.example', 'laptop-4');
  }, 60_000);

  it('signs in with SAML and with OIDC under the tenant prefix', async () => {
    expect((await connectorState(3, s3)).status).toBe(200);
    const oidc = await demoSessionToken(urlOf(2), 'erin@globex-2.example', 'laptop-2');
    expect((await connectorState(2, oidc)).status).toBe(200);
  });

  it("does not know another tenant's users or sessions", async () => {
    await expect(demoSessionToken(urlOf(4), 'alice@acme-3.example', 'x')).rejects.toMatchObject({
      code: '42029',
    });
    expect((await connectorState(4, s3)).status).toBe(401);
  });

  it("opens the push channel under the tenant's prefix", async () => {
    const ws = new WebSocket(`${urlOf(3).replace(/^http/, 'ws')}/api/connector/events`, {
      headers: { authorization: `Bearer ${s3}` },
    });
    const first = await new Promise<Body>((resolve, reject) => {
      ws.once('message', (m) => resolve(JSON.parse(String(m))));
      ws.once('error', reject);
    });
    ws.close();
    expect(first).toMatchObject({
      type: 'snapshot',
      session: { userName: 'alice@acme-3.example' },
    });
  });

  it("advances attendee 3's clock without expiring attendee 4's session; 'all' reaches both", async () => {
    const trainer = admin({ baseUrl: w.baseUrl, adminToken: w.adminToken });
    const one = await trainer.post('/workshop/actions', {
      attendees: [3],
      action: { type: 'advanceClock', by: { hours: 9 } },
    });
    expect(one.body).toEqual({ results: [{ attendee: 3, ok: true }] });
    expect((await connectorState(3, s3)).body.session.reauthRequired).toMatchObject({
      reason: 'timeout',
    });
    expect((await connectorState(4, s4)).body.session.reauthRequired).toBeNull();

    const all = await trainer.post('/workshop/actions', {
      attendees: 'all',
      action: { type: 'advanceClock', by: { hours: 9 } },
    });
    expect(all.body.results).toHaveLength(4);
    expect((await connectorState(4, s4)).body.session.reauthRequired).toMatchObject({
      reason: 'timeout',
    });
    const clocks = await Promise.all(
      [1, 2, 3, 4].map(async (k) => (await tenantAdmin(k).get('/clock')).body.offsetMs),
    );
    expect(clocks).toEqual([9, 9, 18, 9].map((h) => h * 3600_000));
  });

  it("resets one attendee's tenant to its own seed, leaving the others alone", async () => {
    const trainer = admin({ baseUrl: w.baseUrl, adminToken: w.adminToken });
    const res = await trainer.post('/workshop/actions', {
      attendees: [3],
      action: { type: 'reset' },
    });
    expect(res.body).toEqual({ results: [{ attendee: 3, ok: true }] });
    expect((await connectorState(3, s3)).status).not.toBe(200);
    expect((await connectorState(4, s4)).status).toBe(200);
    const idps = await tenantAdmin(3).idps();
    expect(idps.flatMap((i) => i.domains).sort()).toEqual(['acme-3.example', 'globex-3.example']);
    expect((await tenantAdmin(3).get('/clock')).body.offsetMs).toBe(0);
    expect((await tenantAdmin(4).get('/clock')).body.offsetMs).toBe(9 * 3600_000);
  });
});
