/**
 * The trainer runs a library scenario step by step in one attendee's tenant: the steps act on
 * that tenant's own users (alice@acme-2.example), the live row follows each step, and the other
 * attendee's tenant is left exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenariosFor } from '../../../electron/cloud/scenarios/library/index.js';
import { attendeeDomains } from '../../../electron/cloud/seed/demo-domains.js';
import { startWorkshop, type RunningWorkshop } from '../../../electron/cloud/workshop/workshop.js';
import type { AttendeeTenant } from '../../../electron/cloud/workshop/tenant.js';
import { admin, type Body } from '../../helpers/cloud.js';
import { openSse, type SseStream } from './sse-client.js';

let w: RunningWorkshop;
let feed: SseStream;
const trainer = () => admin({ baseUrl: w.baseUrl, adminToken: w.adminToken });

/** What a tenant holds that a scenario could change: IdPs, sessions, SCIM users, clock, timeline. */
function stateOf(t: AttendeeTenant) {
  const { idps, broker, clock, store } = t.cloud;
  return JSON.stringify({
    idps: idps.list(),
    sessions: broker.sessionsView(),
    scimUsers: idps.list().map((i) => store.scim.all('User', i.id)),
    clock: clock.offset,
    timeline: timelineOf(t, 'alice@acme-1.example'),
  });
}

const timelineOf = (t: AttendeeTenant, userName: string) =>
  t.cloud.store.timeline.forUser({
    userName,
    idpIds: t.cloud.idps.list().map((i) => i.id),
    since: 0,
    until: Number.MAX_SAFE_INTEGER,
    limit: 1000,
  });

/** The next row of attendee k whose scenario step matches. */
const stepOf = (k: number, match: (step: Body) => boolean, timeoutMs = 30_000) =>
  feed
    .until((d) => {
      const m = d as Body;
      return m.type === 'attendee' && m.status.attendee === k && !!m.status.scenarioStep
        ? match(m.status.scenarioStep as Body)
        : false;
    }, timeoutMs)
    .then((d) => (d as Body).status.scenarioStep as Body);

const runStep = (body: object) => trainer().post('/workshop/scenario-steps', body);

beforeAll(async () => {
  w = await startWorkshop({ attendees: 2, db: ':memory:', port: 0 });
  feed = await openSse(`${w.baseUrl}/api/admin/workshop/events`, w.adminToken);
}, 60_000);

afterAll(async () => {
  feed?.close();
  await w?.close();
});

describe('scenarios for a tenant', () => {
  it("are built for the tenant's own organisations: no demo domain left", () => {
    const text = JSON.stringify(scenariosFor(attendeeDomains(2)));
    expect(text).toContain('alice@acme-2.example');
    expect(text).not.toMatch(/acme\.example|globex\.example/);
  });
});

describe("the trainer's scenario steps", () => {
  it('runs steps in attendee 2 only, live in the row, and leaves attendee 1 as it was', async () => {
    const [one, two] = w.tenants as [AttendeeTenant, AttendeeTenant];
    const before = stateOf(one);
    expect(((await feed.next()).data as Body).type).toBe('snapshot');

    const res = await runStep({ attendees: [2], scenario: 'idp-disabled' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ results: [{ attendee: 2, ok: true }] });
    expect(await stepOf(2, (s) => s.state === 'paused')).toEqual({
      scenario: 'idp-disabled',
      phase: 'reproduce',
      done: 1,
      total: 4,
      step: 'Reset to the demo tenant',
      state: 'paused',
    });

    await runStep({ attendees: [2], scenario: 'idp-disabled' });
    await stepOf(2, (s) => s.done === 2 && s.state === 'paused');
    expect(two.cloud.idps.list().find((i) => i.protocol === 'saml')!.enabled).toBe(false);

    // The rest of the phase: alice@acme-2.example's sign-in is refused (the symptom).
    await runStep({ attendees: [2], scenario: 'idp-disabled', reach: 'phase' });
    const symptom = await stepOf(2, (s) => s.done === 4);
    expect(symptom).toMatchObject({ phase: 'reproduce', state: 'passed' });
    expect(symptom.step).toContain("alice@acme-2.example's client shows");
    const aliceSignedIn = () =>
      two.cloud.broker.sessionsView().some((s) => s.userName === 'alice@acme-2.example');
    expect(aliceSignedIn()).toBe(false);

    // The fix phase; a second step asked for while it runs is refused for that attendee.
    await runStep({ attendees: [2], scenario: 'idp-disabled', reach: 'phase' });
    const again = await runStep({ attendees: [2], scenario: 'idp-disabled' });
    expect(again.body.results[0]).toMatchObject({
      attendee: 2,
      ok: false,
      error: { code: 'scenario_running' },
    });
    const outcome = await stepOf(2, (s) => s.phase === 'fix' && s.state === 'passed');
    expect(outcome).toMatchObject({ done: 3, total: 3 });
    expect(aliceSignedIn()).toBe(true);

    expect(stateOf(one)).toBe(before);
    const rows = (await trainer().get('/workshop/status')).body as Body[];
    expect(rows.find((r) => r.attendee === 1)!.scenarioStep).toBeNull();
  }, 90_000);

  it('answers 404 for an unknown scenario or attendee and 400 for a bad request', async () => {
    const unknown = await runStep({ attendees: [1], scenario: 'no-such-scenario' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'not_found' });
    const nobody = await runStep({ attendees: [7], scenario: 'idp-disabled' });
    expect(nobody.status).toBe(404);
    const bad = await runStep({ attendees: [1], scenario: 'idp-disabled', reach: 'all' });
    expect(bad.status).toBe(400);
    expect(w.tenants[0]!.cloud.context.scenarios.position()).toBeNull();
  });
});
