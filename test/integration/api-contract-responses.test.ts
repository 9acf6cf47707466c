/**
 * Every route of the contract describes its answer (a zod schema, or no body at all), and the
 * seeded cloud's real answers match those schemas exactly: each admin route is called with
 * real data (directory, provisioning into the cloud's own SCIM endpoint, policies, sessions,
 * reports) and its body must parse and come back unchanged, so neither a missing nor an
 * undescribed field gets through (SCIM resources alone are open, as RFC 7643 makes them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { adminRoutes } from '../../shared/contract/cloud-api/admin.js';
import { directoryRoutes, samlIdpRoutes } from '../../shared/contract/cloud-api/admin-idp.js';
import {
  provisioningProgressRoutes,
  provisioningRoutes,
} from '../../shared/contract/cloud-api/admin-provisioning.js';
import { policyRoutes } from '../../shared/contract/cloud-api/admin-policy.js';
import { cockpitRoutes } from '../../shared/contract/cloud-api/cockpit.js';
import {
  CLOUD_ROUTES,
  type CloudRouteName,
  type RouteDef,
} from '../../shared/contract/cloud-api/index.js';
import { routePath } from '../../shared/contract/cloud-api/route.js';
import { enableScim, httpRequest, startTestCloud, type Body } from '../helpers/cloud.js';

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

let cloud: RunningCloud;
let sessionToken: string;
const validated = new Set<string>();

/** Calls a route by its contract name, expects its success status and checks the body. */
async function call(name: CloudRouteName, req: Call = {}): Promise<Body> {
  const def: RouteDef = CLOUD_ROUTES[name];
  const token = def.auth === 'session' ? sessionToken : cloud.adminToken;
  const qs = req.query ? `?${new URLSearchParams(req.query)}` : '';
  const res = await httpRequest(
    def.method,
    `${cloud.baseUrl}${routePath(def, req.params)}${qs}`,
    req.body === undefined ? {} : { body: req.body },
    { authorization: `Bearer ${token}` },
    'application/json',
  );
  const expected = def.status ?? (def.response || def.responseType ? 200 : 204);
  expect(res.status, `${name}: ${res.text.slice(0, 300)}`).toBe(expected);
  if (def.response) {
    const parsed = def.response.safeParse(res.body);
    expect(parsed.error?.issues, `${name} answered ${res.text.slice(0, 300)}`).toBeUndefined();
    // Parsing drops what the schema does not describe: the answer must come back unchanged.
    expect(parsed.data, `${name}: a field the contract does not describe`).toEqual(res.body);
    validated.add(name);
  }
  return res.body;
}

const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

beforeAll(async () => {
  cloud = await startTestCloud();
  const okta = cloud.idps.list().find((i) => i.vendor === 'okta')!;
  sessionToken = cloud.sessions.createSession(
    {
      idpId: okta.id,
      protocol: 'saml',
      userName: 'alice@acme.example',
      attributes: {},
      authTime: cloud.clock.now(),
    },
    'contract-device',
  ).sessionToken;
});
afterAll(() => cloud.close());

describe('the contract describes every answer', () => {
  it('gives every route a response schema, unless it answers 204 or a non-JSON type', () => {
    const undescribed = Object.entries(CLOUD_ROUTES as Record<string, RouteDef>)
      .filter(([, def]) => {
        if (def.responseType) return false;
        if (!def.response) return def.status !== 204;
        const json = z.toJSONSchema(def.response, { unrepresentable: 'any' });
        return Object.keys(json).filter((k) => k !== '$schema').length === 0;
      })
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
  });
});

describe("the seeded cloud's answers match the contract", () => {
  it('IdPs, the clock and the SAML IdP settings', async () => {
    const [okta] = await call('listIdps');
    const id = okta.id as string;
    const created = await call('createIdp', {
      body: { name: 'Contract Entra', protocol: 'saml', vendor: 'entra', domains: ['c.example'] },
    });
    await call('getIdp', { params: { id: created.id } });
    await call('updateIdp', { params: { id: created.id }, body: { scimRateLimitEnabled: true } });
    await call('idpHistory', { params: { id: created.id } });
    await call('generateScimToken', { params: { id: created.id } });
    await call('listScimAttributes', { params: { id } });
    await call('deleteIdp', { params: { id: created.id } });

    await call('clock');
    await call('advanceClock', { body: { minutes: 5 } });
    await call('setClock', { body: { at: new Date(Date.now() + 3600_000).toISOString() } });
    await call('realTimeClock');

    await call('samlIdpSettings', { params: { id } });
    await call('setSamlIdpClock', { params: { id }, body: { skewSeconds: 0 } });
    await call('rotateSamlCertificate', { params: { id } });
    await call('replaceSamlIdp', { params: { id }, body: { nameId: 'same' } });
  });

  it('the directory, its groups and assignments', async () => {
    const id = cloud.idps.list().find((i) => i.vendor === 'okta')!.id;
    const dir = (more: Record<string, string> = {}) => ({ id, ...more });
    const users = await call('listDirectoryUsers', {
      params: dir(),
      query: { includeDeleted: 'true' },
    });
    expect(users.length).toBeGreaterThan(0);
    const user = await call('createDirectoryUser', {
      params: dir(),
      body: {
        userName: 'contract.user@acme.example',
        givenName: 'Contract',
        familyName: 'User',
        department: 'QA',
        password: 'correct horse battery',
      },
    });
    const u = dir({ userId: user.id });
    await call('getDirectoryUser', { params: u });
    await call('updateDirectoryUser', { params: u, body: { title: 'Tester' } });
    await call('deactivateDirectoryUser', { params: u });
    await call('reactivateDirectoryUser', { params: u });

    await call('listDirectoryGroups', { params: dir() });
    const group = await call('createDirectoryGroup', {
      params: dir(),
      body: { name: 'Contract Group', description: 'for the contract test' },
    });
    const g = dir({ groupId: group.id });
    await call('getDirectoryGroup', { params: g });
    await call('updateDirectoryGroup', { params: g, body: { description: 'changed' } });
    await call('addGroupMembers', { params: g, body: { userIds: [user.id] } });
    await call('listGroupMembers', { params: g });
    await call('removeGroupMember', { params: { ...g, userId: user.id } });
    await call('pushGroup', { params: g });
    await call('unpushGroup', { params: g, body: { deleteInTarget: false } });

    await call('assign', { params: dir(), body: { userIds: [user.id], groupIds: [group.id] } });
    await call('listAssignments', { params: dir() });
    await call('unassignUser', { params: u });
    await call('unassignGroup', { params: g });
    await call('deleteDirectoryGroup', { params: g });
    // Okta deletes only deactivated users, for good.
    await call('deactivateDirectoryUser', { params: u });
    await call('deleteDirectoryUser', { params: u });

    // Entra ID deletes softly: a deleted user can be restored.
    const entra = await call('createIdp', {
      body: { name: 'Contract soft delete', protocol: 'oidc', vendor: 'entra', domains: [] },
    });
    const soft = await call('createDirectoryUser', {
      params: { id: entra.id },
      body: {
        userName: 'soft.user@acme.example',
        givenName: 'Soft',
        familyName: 'User',
        password: 'correct horse battery',
      },
    });
    await call('deleteDirectoryUser', { params: { id: entra.id, userId: soft.id } });
    await call('restoreDirectoryUser', { params: { id: entra.id, userId: soft.id } });
  });

  it("provisioning into the cloud's own SCIM endpoint, and the SCIM database it fills", async () => {
    const scim = await enableScim(cloud, 'Okta');
    const id = scim.idp.id;
    await call('provisioningConfig', { params: { id } });
    await call('configureProvisioning', {
      params: { id },
      body: { enabled: true, baseUrl: scim.endpoint, token: scim.token },
    });
    const test = await call('testProvisioningConnection', { params: { id }, body: {} });
    expect(test.ok).toBe(true);
    const alice = (await call('listDirectoryUsers', { params: { id } })).find(
      (u: { userName: string }) => u.userName.startsWith('alice@'),
    );
    const pushed = await call('provisionUser', { params: { id, userId: alice.id } });
    expect(pushed.state).toBe('provisioned');
    const [group] = await call('listDirectoryGroups', { params: { id } });
    await call('pushGroup', { params: { id, groupId: group.id } });
    await call('restartProvisioning', { params: { id } });
    await call('provisioningStatus', { params: { id } });
    await call('provisioningLog', { params: { id }, query: { limit: '50' } });
    await call('provisioningProgress', { params: { id } });
    // The other vendors' job states (Entra's cycles, Ping's polls) have their own shapes.
    for (const vendor of ['entra', 'ping']) {
      const other = await call('createIdp', {
        body: { name: `Contract ${vendor}`, protocol: 'saml', vendor, domains: [] },
      });
      await call('provisioningStatus', { params: { id: other.id } });
    }

    const list = await call('listScimUsers', { params: { id } });
    expect(list.totalResults).toBeGreaterThan(0);
    await call('getScimUser', { params: { id, resourceId: list.Resources[0].id } });
    const groups = await call('listScimGroups', { params: { id } });
    await call('getScimGroup', { params: { id, resourceId: groups.Resources[0].id } });
    const logs = await call('scimSyncLogs', { query: { idpId: id } });
    expect(logs.total).toBeGreaterThan(0);
  });

  it('segments, rules of each type, the summary and a what-if decision', async () => {
    const idpId = cloud.idps.list()[0]!.id;
    await call('listSegmentGroups');
    const sg = await call('createSegmentGroup', { body: { name: 'Contract apps' } });
    await call('getSegmentGroup', { params: { id: sg.id } });
    await call('updateSegmentGroup', { params: { id: sg.id }, body: { description: 'x' } });
    await call('listSegments');
    const seg = await call('createSegment', {
      body: {
        name: 'Contract app',
        domains: ['contract.acme.example'],
        tcpPortRanges: [{ from: 443, to: 443 }],
        segmentGroupId: sg.id,
      },
    });
    await call('getSegment', { params: { id: seg.id } });
    await call('updateSegment', { params: { id: seg.id }, body: { description: 'y' } });
    const rule = await call('createRule', {
      params: { type: 'access' },
      body: {
        name: 'Contract allow',
        conditions: [{ operator: 'OR', operands: [{ objectType: 'APP', rhs: seg.id }] }],
      },
    });
    expect(rule.conditions[0].operands[0].rhsName).toBe('Contract app');
    await call('createRule', { params: { type: 'forwarding' }, body: { name: 'Contract fwd' } });
    await call('createRule', {
      params: { type: 'timeout' },
      body: { name: 'Contract timeout', reauthTimeoutSeconds: 3600 },
    });
    for (const type of ['access', 'forwarding', 'timeout']) {
      const rules = await call('listRules', { params: { type } });
      await call('reorderRules', {
        params: { type },
        body: { ruleIds: rules.map((r: { id: string }) => r.id).reverse() },
      });
    }
    await call('getRule', { params: { type: 'access', id: rule.id } });
    await call('updateRule', { params: { type: 'access', id: rule.id }, body: { action: 'DENY' } });
    await call('policySummary');
    const decision = await call('evaluatePolicy', {
      body: { idpId, userName: 'alice@acme.example', fqdn: 'contract.acme.example', port: 443 },
    });
    expect(decision.trace.length).toBeGreaterThan(0);
    await call('deleteRule', { params: { type: 'access', id: rule.id } });
  });

  it('sessions, Report an Issue reports and the cockpit', async () => {
    await call('reportIssue', {
      body: {
        form: { name: 'Alice', email: 'alice@acme.example', comments: 'contract test' },
        deviceId: 'contract-device',
        logs: { fileName: 'logs.zip', base64: EMPTY_ZIP.toString('base64') },
      },
    });
    const reports = await call('listIssues', { query: { limit: '10' } });
    expect(reports.total).toBe(1);
    const sessions = await call('listSessions');
    expect(sessions.length).toBeGreaterThan(0);
    await call('listScenarios');
    expect((await call('tenant')).domains).toEqual({
      acme: 'acme.example',
      globex: 'globex.example',
    });
    await call('timeline', { query: { user: 'alice@acme.example' } });
  });

  it('validated every admin route that answers with a body', () => {
    const tables = [
      adminRoutes,
      directoryRoutes,
      samlIdpRoutes,
      provisioningRoutes,
      provisioningProgressRoutes,
      policyRoutes,
    ];
    const withBody = tables.flatMap((t) =>
      Object.entries(t as Record<string, RouteDef>)
        .filter(([, def]) => def.response)
        .map(([name]) => name),
    );
    expect(withBody.filter((name) => !validated.has(name))).toEqual([]);
    expect(validated.has('listScenarios') && Object.keys(cockpitRoutes).length > 0).toBe(true);
  });
});
