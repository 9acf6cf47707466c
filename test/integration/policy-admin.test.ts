/**
 * The policy admin API over real HTTP: segment groups, segments and the three policy sets (CRUD,
 * validation, reorder, limits) and the what-if evaluation.
 *
 * Runs against a Fastify app carrying only the policy plugin and the context it needs, until
 * policyAdminRoutes is registered in cloud.ts; then `startPolicyApi` can become
 * `startTestCloud()` (the routes and answers are the same).
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdpService } from '../../electron/cloud/idp-config/idp-service.js';
import { SimulatedClock } from '../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../electron/cloud/events.js';
import { policyAdminRoutes } from '../../electron/cloud/policy/routes.js';
import { seedDemoPolicies } from '../../electron/cloud/policy/seed.js';
import { PolicyService } from '../../electron/cloud/policy/service.js';
import { hashToken, newToken } from '../../electron/cloud/security/tokens.js';
import { openSqliteStore } from '../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../electron/cloud/store/types.js';
import { admin, type AdminClient, type HttpResponse } from '../helpers/cloud.js';
import { scimAttributeId } from '../../electron/cloud/policy/scim-attributes.js';

interface PolicyApi {
  baseUrl: string;
  adminToken: string;
  store: Store;
  events: CloudEvents;
  idps: IdpService;
  policy: PolicyService;
  close(): Promise<void>;
}

async function startPolicyApi(): Promise<PolicyApi> {
  const store = openSqliteStore(':memory:');
  const clock = new SimulatedClock();
  const events = new CloudEvents();
  const idps = new IdpService(store, clock, events, () => 'http://x');
  const adminToken = newToken();
  const policy = new PolicyService(store, clock, events, idps);
  const app = Fastify({ logger: false });
  await app.register(policyAdminRoutes, { policy, clock, adminTokenHash: hashToken(adminToken) });
  const baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('[::1]', 'localhost');
  return {
    baseUrl,
    adminToken,
    store,
    events,
    idps,
    policy,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

let api: PolicyApi;
let http: AdminClient;

beforeAll(async () => {
  api = await startPolicyApi();
  http = admin(api);
});
afterAll(() => api.close());

const expectError = (res: HttpResponse, status: number, code: string) => {
  expect(res.status, res.text).toBe(status);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
  return res.body.error.message as string;
};
const ok = (res: HttpResponse, status = 200) => {
  expect(res.status, res.text).toBe(status);
  return res.body;
};

describe('authorization', () => {
  it('needs the admin bearer token', async () => {
    expectError(await admin(api, null).get('/segments'), 401, 'unauthorized');
    expectError(await admin(api, 'wrong').get('/policies/access'), 401, 'unauthorized');
  });
});

describe('segment groups and segments', () => {
  it('CRUD with validation', async () => {
    const g = ok(await http.post('/segment-groups', { name: 'Engineering Apps' }), 201);
    expect(g).toMatchObject({ name: 'Engineering Apps', enabled: true, description: '' });
    expect(g.id).toMatch(/^\d{19}$/);
    expectError(
      await http.post('/segment-groups', { name: 'engineering apps' }),
      409,
      'name_taken',
    );
    expectError(
      await http.post('/segment-groups', { name: 'X', color: 'red' }),
      400,
      'invalid_request',
    );

    const seg = ok(
      await http.post('/segments', {
        name: 'Git',
        domains: ['git.acme.example', '*.git.acme.example'],
        tcpPortRanges: [
          { from: 22, to: 22 },
          { from: 443, to: 443 },
        ],
        segmentGroupId: g.id,
      }),
      201,
    );
    expect(seg).toMatchObject({ bypassType: 'NEVER', enabled: true, udpPortRanges: [] });
    expect(ok(await http.get('/segments')).map((s: { id: string }) => s.id)).toContain(seg.id);
    expect(ok(await http.get(`/segments/${seg.id}`)).name).toBe('Git');

    const bad = expectError(
      await http.post('/segments', {
        name: 'Bad',
        domains: ['not a domain', '*.'],
        tcpPortRanges: [{ from: 443, to: 80 }],
        segmentGroupId: g.id,
      }),
      400,
      'invalid_request',
    );
    expect(bad).toContain('domains.0');
    expect(bad).toContain('tcpPortRanges.0');
    expectError(
      await http.post('/segments', {
        name: 'NoPorts',
        domains: ['a.example'],
        segmentGroupId: g.id,
      }),
      400,
      'invalid_request',
    );
    expectError(
      await http.post('/segments', {
        name: 'Clash',
        domains: ['git.acme.example'],
        tcpPortRanges: [{ from: 400, to: 500 }],
        segmentGroupId: g.id,
      }),
      409,
      'segment_conflict',
    );

    const patched = ok(await http.patch(`/segments/${seg.id}`, { bypassType: 'ALWAYS' }));
    expect(patched.bypassType).toBe('ALWAYS');
    expectError(await http.patch(`/segments/${seg.id}`, {}), 400, 'invalid_request');
    expectError(await http.get('/segments/123'), 404, 'not_found');

    expectError(await http.delete(`/segment-groups/${g.id}`), 409, 'in_use');
    expect((await http.delete(`/segments/${seg.id}`)).status).toBe(204);
    expect((await http.delete(`/segment-groups/${g.id}`)).status).toBe(204);
    expectError(await http.get(`/segment-groups/${g.id}`), 404, 'not_found');
  });
});

describe('policy sets', () => {
  let segId: string;
  let idpId: string;
  beforeAll(async () => {
    idpId = api.idps.create({
      name: 'Okta (SAML)',
      protocol: 'saml',
      vendor: 'okta',
      domains: ['acme.example'],
    }).id;
    const g = ok(await http.post('/segment-groups', { name: 'Finance Apps' }), 201);
    segId = ok(
      await http.post('/segments', {
        name: 'Payroll',
        domains: ['payroll.acme.example'],
        tcpPortRanges: [{ from: 443, to: 443 }],
        segmentGroupId: g.id,
      }),
      201,
    ).id;
  });

  it('create, list in order, get, PATCH, move, reorder, delete', async () => {
    const version = ok(await http.get('/policies')).version as number;
    const a = ok(
      await http.post('/policies/access', {
        name: 'Payroll for Finance',
        conditions: [
          { operands: [{ objectType: 'APP', rhs: segId }] },
          { operator: 'OR', operands: [{ objectType: 'SAML', lhs: 'department', rhs: 'Finance' }] },
        ],
      }),
      201,
    );
    expect(a).toMatchObject({
      action: 'ALLOW',
      operator: 'AND',
      customMsg: null,
      ruleOrder: 1,
      conditions: [
        { operator: 'OR', operands: [{ objectType: 'APP', lhs: 'id', rhs: segId }] },
        { operator: 'OR', operands: [{ objectType: 'SAML', lhs: 'department', rhs: 'Finance' }] },
      ],
    });
    const b = ok(
      await http.post('/policies/access', {
        name: 'Block contractors',
        action: 'DENY',
        customMsg: 'Contractors cannot use payroll.',
        ruleOrder: 1,
        conditions: [
          {
            operands: [
              {
                objectType: 'SCIM',
                lhs: scimAttributeId(idpId, 'userType'),
                rhs: 'Contractor',
                idpId,
              },
            ],
          },
        ],
      }),
      201,
    );
    expect(b.ruleOrder).toBe(1);
    // The name is shown beside the id.
    expect(b.conditions[0].operands[0]).toMatchObject({ lhsName: 'userType', rhs: 'Contractor' });
    const c = ok(await http.post('/policies/access', { name: 'Catch-all', action: 'DENY' }), 201);
    const order = async () =>
      ok(await http.get('/policies/access')).map(
        (r: { name: string; ruleOrder: number }) => `${r.ruleOrder}:${r.name}`,
      );
    expect(await order()).toEqual(['1:Block contractors', '2:Payroll for Finance', '3:Catch-all']);
    expect(ok(await http.get('/policies')).version).toBe(version + 3);

    expect(ok(await http.get(`/policies/access/${a.id}`)).name).toBe('Payroll for Finance');
    const renamed = ok(
      await http.patch(`/policies/access/${a.id}`, { name: 'Finance payroll', ruleOrder: 1 }),
    );
    expect(renamed).toMatchObject({ name: 'Finance payroll', ruleOrder: 1 });
    expect(await order()).toEqual(['1:Finance payroll', '2:Block contractors', '3:Catch-all']);

    const reordered = ok(
      await http.post('/policies/access/reorder', { ruleIds: [c.id, b.id, a.id] }),
    );
    expect(reordered.map((r: { id: string }) => r.id)).toEqual([c.id, b.id, a.id]);
    // The reordered set shows names beside ids, as every other rule route does.
    expect(reordered[1].conditions[0].operands[0]).toMatchObject({ lhsName: 'userType' });
    const msg = expectError(
      await http.post('/policies/access/reorder', { ruleIds: [c.id, 'nope'] }),
      400,
      'invalid_request',
    );
    expect(msg).toContain('not access rules: nope');
    expect(msg).toContain('missing');

    expect((await http.delete(`/policies/access/${c.id}`)).status).toBe(204);
    expect(await order()).toEqual(['1:Block contractors', '2:Finance payroll']);
    expectError(await http.delete(`/policies/access/${c.id}`), 404, 'not_found');
  });

  it('validates rules per policy type', async () => {
    const cases: [string, unknown, string][] = [
      ['/policies/access', { name: 'x', action: 'RE_AUTH' }, 'action'],
      ['/policies/access', { name: 'x', conditions: [{ operands: [] }] }, 'conditions.0.operands'],
      [
        '/policies/access',
        { name: 'x', conditions: [{ operands: [{ objectType: 'POSTURE', rhs: 'true' }] }] },
        'objectType',
      ],
      [
        '/policies/access',
        {
          name: 'x',
          conditions: [{ operands: [{ objectType: 'SCIM', lhs: 'shoeSize', rhs: '9' }] }],
        },
        'SCIM takes the IdP as idpId',
      ],
      [
        '/policies/access',
        {
          name: 'x',
          conditions: [
            { operands: [{ objectType: 'CLIENT_TYPE', rhs: 'zpn_client_type_toaster' }] },
          ],
        },
        'CLIENT_TYPE rhs',
      ],
      [
        '/policies/access',
        { name: 'x', conditions: [{ operands: [{ objectType: 'PLATFORM', lhs: 'amiga' }] }] },
        'PLATFORM lhs',
      ],
      ['/policies/forwarding', { name: 'x', action: 'INTERCEPT_ACCESSIBLE' }, 'action'],
      ['/policies/timeout', { name: 'x', reauthTimeoutSeconds: 300 }, 'reauthTimeoutSeconds'],
      ['/policies/timeout', { name: 'x', idleTimeoutSeconds: 0 }, 'idleTimeoutSeconds'],
      ['/policies/timeout', { name: 'x', customMsg: 'hi' }, 'customMsg'],
    ];
    for (const [path, body, mention] of cases) {
      const msg = expectError(await http.post(path, body), 400, 'invalid_request');
      expect(msg, JSON.stringify(body)).toContain(mention);
    }
    expectError(
      await http.post('/policies/access', {
        name: 'x',
        conditions: [{ operands: [{ objectType: 'APP', rhs: '42' }] }],
      }),
      400,
      'invalid_reference',
    );
    // SCIM criteria hold ids: a name, an unknown id or a group not pushed is refused, with a hint.
    const scim = (operand: Record<string, string>) =>
      http.post('/policies/access', { name: 'x', conditions: [{ operands: [operand] }] });
    const title = scimAttributeId(idpId, 'title');
    expect(
      expectError(
        await scim({ objectType: 'SCIM', lhs: 'title', rhs: 'CFO', idpId }),
        400,
        'invalid_reference',
      ),
    ).toContain(`give the SCIM attribute's id, not its name: "title" is ${title}`);
    expect(
      expectError(
        await scim({ objectType: 'SCIM', lhs: 'shoeSize', rhs: '9', idpId }),
        400,
        'invalid_reference',
      ),
    ).toContain('no SCIM attribute with id shoeSize');
    expect(
      expectError(
        await scim({ objectType: 'SCIM_GROUP', lhs: idpId, rhs: 'Finance' }),
        400,
        'invalid_reference',
      ),
    ).toContain('no SCIM group with id Finance');
    expectError(await http.get('/policies/isolation'), 404, 'not_found');
    expectError(await http.post('/policies/isolation', { name: 'x' }), 404, 'not_found');
    const never = ok(
      await http.post('/policies/timeout', { name: 'Never', reauthTimeoutSeconds: -1 }),
      201,
    );
    expect(never).toMatchObject({
      action: 'RE_AUTH',
      reauthTimeoutSeconds: -1,
      idleTimeoutSeconds: -1,
    });
    const bypass = ok(
      await http.post('/policies/forwarding', {
        name: 'Only allowed',
        action: 'INTERCEPT_ACCESIBLE',
      }),
      201,
    );
    expect(bypass.action).toBe('INTERCEPT_ACCESIBLE');
  });

  it('enforces the 2,000 access rule limit', async () => {
    const have = ok(await http.get('/policies')).counts.access as number;
    for (let i = have; i < 2000; i++) {
      const r = await http.post('/policies/access', { name: `bulk ${i}`, action: 'DENY' });
      expect(r.status, r.text).toBe(201);
    }
    const msg = expectError(
      await http.post('/policies/access', { name: 'one too many' }),
      409,
      'limit_reached',
    );
    expect(msg).toContain('2000');
    expect(ok(await http.get('/policies'))).toMatchObject({
      counts: { access: 2000 },
      limits: { access: 2000, forwarding: 500, timeout: 500 },
    });
  }, 60_000);
});

describe('what-if evaluation', () => {
  it('answers a decision with its trace for a session-like subject', async () => {
    const local = await startPolicyApi();
    try {
      const okta = local.idps.create({
        name: 'Okta',
        protocol: 'saml',
        domains: ['acme.example'],
        samlAttributesForPolicy: true,
      });
      seedDemoPolicies({
        store: local.store,
        clock: new SimulatedClock(),
        idps: local.idps,
        policy: local.policy,
      });
      const client = admin(local);
      const body = {
        idpId: okta.id,
        userName: 'bob@acme.example',
        attributes: { department: ['Sales'] },
        fqdn: 'git.acme.example',
        port: 22,
      };
      const d = ok(await client.post('/policies/evaluate', body));
      expect(d).toMatchObject({
        outcome: 'blocked',
        code: 'BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY',
        access: { ruleName: 'Block Sales from engineering apps' },
      });
      expect(d.trace.length).toBeGreaterThan(3);
      const later = ok(
        await client.post('/policies/evaluate', {
          ...body,
          userName: 'alice@acme.example',
          attributes: { groups: ['Engineering'] },
          authTime: new Date(Date.now() - 9 * 3600_000).toISOString(),
        }),
      );
      expect(later.code).toBe('BRK_MT_SETUP_FAIL_SAML_EXPIRED');
      expectError(
        await client.post('/policies/evaluate', { ...body, port: 0 }),
        400,
        'invalid_request',
      );
    } finally {
      await local.close();
    }
  });
});
