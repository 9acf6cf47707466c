/**
 * The cockpit's scenario routes and the reset over HTTP: the list, reproduce and fix of a
 * scenario on the cloud itself, and bad input answered in the admin error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { SCENARIOS } from '../../../electron/cloud/scenarios/library/index.js';
import { CODES } from '../../../shared/errors/codes.js';
import { httpRequest, startTestCloud, type Body } from '../../helpers/cloud.js';
import { connector, isOn, until } from '../stories/connector-harness.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => cloud.close());

const call = (
  method: string,
  path: string,
  body?: unknown,
  token: string | null = cloud.adminToken,
) =>
  httpRequest(method, `${cloud.baseUrl}/api/admin${path}`, {
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    ...(body !== undefined ? { body, contentType: 'application/json' } : {}),
  });

const expectAdminError = (res: { status: number; body: Body }, status: number, code?: string) => {
  expect(res.status).toBe(status);
  expect(res.body.error).toMatchObject({ ...(code ? { code } : {}), message: expect.any(String) });
};

describe('GET /api/admin/scenarios', () => {
  it("lists every scenario with its symptom in the client's words and its fixes", async () => {
    const res = await call('GET', '/scenarios');
    expect(res.status).toBe(200);
    expect(res.body.map((s: Body) => s.id)).toEqual(SCENARIOS.map((s) => s.id));
    expect(res.body.find((s: Body) => s.id === 'okta-out-of-sync')).toMatchObject({
      user: 'alice@acme.example',
      symptom: {
        code: CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
        serviceStatus: 'Connection Error',
        authenticationStatus: 'Authenticated',
      },
      fixes: [{ id: 'out-of-sync-flag' }, { id: 'provision-user' }],
    });
  });

  it('needs the admin token', async () => {
    expectAdminError(await call('GET', '/scenarios', undefined, null), 401, 'unauthorized');
  });
});

describe('reproduce and fix', () => {
  it('answers 404 for an unknown scenario and 400 for a malformed id', async () => {
    expectAdminError(await call('POST', '/scenarios/no-such-scenario/reproduce'), 404, 'not_found');
    expectAdminError(await call('POST', '/scenarios/no-such-scenario/fix'), 404, 'not_found');
    expectAdminError(await call('POST', '/scenarios/Bad_Id!/reproduce'), 400);
  });

  it('answers 409 when a fix is asked before the scenario was reproduced', async () => {
    expectAdminError(await call('POST', '/scenarios/idp-disabled/fix'), 409, 'not_reproduced');
  });

  it('refuses a fix body with unknown fields or an unknown fix', async () => {
    expectAdminError(await call('POST', '/scenarios/idp-disabled/fix', { fix: 1 }), 400);
    expectAdminError(await call('POST', '/scenarios/idp-disabled/fix', { other: true }), 400);
    expectAdminError(await call('POST', '/scenarios/idp-disabled/fix', { fix: 'nope' }), 404);
  });

  it('reproduces the Okta sync error on this cloud, then applies fix B (Provision User)', async () => {
    const reproduced = await call('POST', '/scenarios/okta-out-of-sync/reproduce');
    expect(reproduced.status, reproduced.text).toBe(200);
    expect(reproduced.body).toMatchObject({
      scenario: 'okta-out-of-sync',
      phase: 'reproduce',
      failed: 0,
    });
    expect(reproduced.body.steps.at(-1)).toMatchObject({
      kind: 'symptom',
      ok: true,
      detail: expect.stringContaining('Connection Error'),
    });
    // Another scenario's fix is refused: only the one on show can be fixed.
    expectAdminError(await call('POST', '/scenarios/idp-disabled/fix'), 409, 'not_reproduced');

    const fixed = await call('POST', '/scenarios/okta-out-of-sync/fix', { fix: 'provision-user' });
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.body).toMatchObject({ phase: 'fix', failed: 0 });
    expect(fixed.body.steps.map((s: Body) => s.kind)).toEqual(['fix', 'fix', 'fix', 'outcome']);
  });
});

describe('GET /api/admin/scenarios/{id}/run', () => {
  it('shows the steps of a run while it runs, then the whole run', async () => {
    expectAdminError(await call('GET', '/scenarios/timeout-expiry/run'), 404, 'not_found');
    const pending = call('POST', '/scenarios/timeout-expiry/reproduce');
    const seen: { running: boolean; steps: number }[] = [];
    for (;;) {
      const res = await call('GET', '/scenarios/timeout-expiry/run');
      if (res.status === 200) {
        seen.push({ running: res.body.running, steps: res.body.steps.length });
        if (!res.body.running) break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = (await pending).body;
    expect(seen.some((p) => p.running && p.steps < done.steps.length)).toBe(true);
    const last = (await call('GET', '/scenarios/timeout-expiry/run')).body;
    expect(last).toEqual({ ...done, running: false });
    expectAdminError(await call('GET', '/scenarios/Bad_Id!/run'), 400);
  });
});

describe('POST /api/admin/reset', () => {
  it('goes back to the demo tenant and tells connected connectors their session is revoked', async () => {
    // A tenant far from the demo: a new IdP, SCIM on, the clock 2 days on, a signed-in user.
    const reproduced = await call('POST', '/scenarios/scim-attributes-for-policy/reproduce');
    expect(reproduced.body.failed).toBe(0);
    await call('POST', '/clock/advance', { days: 2 });
    const dave = connector(cloud, 'dave@acme.example');
    dave.signIn('dave@acme.example');
    await until(dave, (s) => isOn(s) && s.channel.status === 'open');

    const res = await call('POST', '/reset');
    expect(res.status).toBe(204);
    const told = await until(dave, (s) => s.auth.status === 'unauthenticated');
    expect(told.auth).toMatchObject({ lastError: { code: CODES.SESSION_REVOKED } });
    dave.dispose();
    const idps = (await call('GET', '/idps')).body as Body[];
    expect(idps.map((i) => [i.name, i.scimSyncEnabled, i.scimAttributesForPolicy])).toEqual([
      ['Okta (SAML)', false, false],
      ['Globex OIDC', false, false],
    ]);
    const clock = (await call('GET', '/clock')).body;
    expect(Math.abs(clock.offsetMs)).toBeLessThan(1000);
    expect((await call('GET', '/sessions')).body).toEqual([]);
    const rules = (await call('GET', '/policies/access')).body as Body[];
    expect(rules.some((r) => /SCIM group/.test(r.name))).toBe(false);
    expect((await call('GET', '/scim-sync-logs')).body.total).toBe(0);
  });

  it('needs the admin token', async () => {
    expectAdminError(await call('POST', '/reset', undefined, null), 401, 'unauthorized');
  });
});
