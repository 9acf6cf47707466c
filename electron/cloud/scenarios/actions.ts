/**
 * Carries out one scenario action: an admin's step through the admin API (in the cloud's
 * console or at the IdP), a user's step on their connector, or a check. Each returns what it
 * saw, in a few words, for the step's detail.
 */
import type { IdpConfig } from '../../../shared/model/idp.js';
import { DEMO_PASSWORD } from '../seed/demo-tenant.js';
import type { AdminClient } from './admin-client.js';
import type { ScenarioClients } from './clients.js';
import type { Action } from './schema.js';

/** How long a check of the IdP's push may wait (an Okta push, an Entra cycle). */
const PUSH_WAIT_MS = 20_000;

export interface RunContext {
  admin: AdminClient;
  clients: ScenarioClients;
  /** The newest SCIM token generated per IdP id (shown once, as the admin copies it). */
  tokens: Map<string, string>;
}

interface Named {
  id: string;
  name?: string;
  userName?: string;
}

async function idpOf(ctx: RunContext, ref: string): Promise<IdpConfig> {
  const found = (await ctx.admin.call('listIdps')).find((i) => i.name === ref || i.vendor === ref);
  if (!found) throw new Error(`no IdP named ${ref}`);
  return found;
}

async function userOf(ctx: RunContext, idpId: string, userName: string): Promise<Named> {
  const users = (await ctx.admin.call('listDirectoryUsers', { params: { id: idpId } })) as Named[];
  const found = users.find((u) => u.userName?.toLowerCase() === userName.toLowerCase());
  if (!found) throw new Error(`no directory user ${userName}`);
  return found;
}

async function groupOf(ctx: RunContext, idpId: string, name: string): Promise<Named> {
  const groups = (await ctx.admin.call('listDirectoryGroups', {
    params: { id: idpId },
  })) as Named[];
  const found = groups.find((g) => g.name === name);
  if (!found) throw new Error(`no directory group ${name}`);
  return found;
}

/** The cloud's SCIM group of that displayName, as the IdP pushed it. */
async function scimGroupOf(ctx: RunContext, idpId: string, name: string): Promise<Named> {
  const list = (await ctx.admin.call('listScimGroups', {
    params: { id: idpId },
    query: { filter: `displayName eq "${name}"` },
  })) as { Resources?: Named[] };
  const found = list.Resources?.[0];
  if (!found) throw new Error(`the SCIM group ${name} is not in the cloud (push it first)`);
  return found;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it answers true, or fails saying what it last saw. */
async function poll(what: string, probe: () => Promise<[boolean, string]>): Promise<string> {
  const deadline = Date.now() + PUSH_WAIT_MS;
  for (;;) {
    const [ok, seen] = await probe();
    if (ok) return seen;
    if (Date.now() > deadline) throw new Error(`${what}: still ${seen}`);
    await sleep(150);
  }
}

type Of<K extends Action['do']> = Extract<Action, { do: K }>;
type Handler<K extends Action['do']> = (ctx: RunContext, a: Of<K>) => Promise<string | void>;

const handlers: { [K in Action['do']]: Handler<K> } = {
  createIdp: async (ctx, a) => {
    const { name, protocol, vendor, domains } = a;
    await ctx.admin.call('createIdp', { body: { name, protocol, vendor, domains } });
  },
  patchIdp: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    await ctx.admin.call('updateIdp', { params: { id: idp.id }, body: a.set });
  },
  generateScimToken: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const { token } = await ctx.admin.call('generateScimToken', { params: { id: idp.id } });
    ctx.tokens.set(idp.id, token);
  },
  configureProvisioning: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const token =
      a.token === 'latest'
        ? ctx.tokens.get(idp.id)
        : a.token === 'wrong'
          ? 'a-token-this-cloud-never-issued'
          : undefined;
    if (a.token === 'latest' && !token) throw new Error('no SCIM token was generated yet');
    await ctx.admin.call('configureProvisioning', {
      params: { id: idp.id },
      body: {
        ...(a.enabled !== undefined ? { enabled: a.enabled } : {}),
        ...(a.pasteEndpoint ? { baseUrl: idp.scimEndpoint } : {}),
        ...(token ? { token } : {}),
        ...(a.vendorOptions ? { vendorOptions: a.vendorOptions } : {}),
      },
    });
  },
  createUser: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const { userName, givenName, familyName, department } = a;
    const user = (await ctx.admin.call('createDirectoryUser', {
      params: { id: idp.id },
      body: { userName, givenName, familyName, department, password: DEMO_PASSWORD },
    })) as Named;
    for (const name of a.groups) {
      const group = await groupOf(ctx, idp.id, name);
      await ctx.admin.call('addGroupMembers', {
        params: { id: idp.id, groupId: group.id },
        body: { userIds: [user.id] },
      });
    }
  },
  assign: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const userIds = await Promise.all(a.users.map(async (u) => (await userOf(ctx, idp.id, u)).id));
    const groupIds = await Promise.all(
      a.groups.map(async (g) => (await groupOf(ctx, idp.id, g)).id),
    );
    await ctx.admin.call('assign', {
      params: { id: idp.id },
      body: { ...(userIds.length ? { userIds } : {}), ...(groupIds.length ? { groupIds } : {}) },
    });
  },
  unassign: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    if (a.user) {
      const user = await userOf(ctx, idp.id, a.user);
      await ctx.admin.call('unassignUser', { params: { id: idp.id, userId: user.id } });
    }
    if (a.group) {
      const group = await groupOf(ctx, idp.id, a.group);
      await ctx.admin.call('unassignGroup', { params: { id: idp.id, groupId: group.id } });
    }
  },
  pushGroup: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const group = await groupOf(ctx, idp.id, a.group);
    await ctx.admin.call('pushGroup', { params: { id: idp.id, groupId: group.id } });
  },
  provisionUser: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const user = await userOf(ctx, idp.id, a.user);
    const status = (await ctx.admin.call('provisionUser', {
      params: { id: idp.id, userId: user.id },
    })) as { state?: string };
    return `push state ${status.state}`;
  },
  restartProvisioning: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    await ctx.admin.call('restartProvisioning', { params: { id: idp.id } });
  },
  updateUser: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const user = await userOf(ctx, idp.id, a.user);
    await ctx.admin.call('updateDirectoryUser', {
      params: { id: idp.id, userId: user.id },
      body: { department: a.department },
    });
  },
  deactivateUser: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const user = await userOf(ctx, idp.id, a.user);
    await ctx.admin.call('deactivateDirectoryUser', { params: { id: idp.id, userId: user.id } });
  },
  reactivateUser: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const user = await userOf(ctx, idp.id, a.user);
    await ctx.admin.call('reactivateDirectoryUser', { params: { id: idp.id, userId: user.id } });
  },
  rotateCertificate: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    await ctx.admin.call('rotateSamlCertificate', { params: { id: idp.id } });
  },
  setIdpClockSkew: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    await ctx.admin.call('setSamlIdpClock', {
      params: { id: idp.id },
      body: { skewSeconds: a.seconds },
    });
  },
  replaceIdp: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const done = (await ctx.admin.call('replaceSamlIdp', {
      params: { id: idp.id },
      body: { nameId: a.nameId },
    })) as { nameIdKind?: string };
    return `the new IdP sends the NameID as ${done.nameIdKind}`;
  },
  createAccessRule: async (ctx, a) => {
    const idp = await idpOf(ctx, a.scimGroup.idp);
    // SCIM criteria hold the SCIM group's id (the console lists names, the rule keeps the id).
    const scimGroup = await scimGroupOf(ctx, idp.id, a.scimGroup.group);
    const group = (await ctx.admin.call('createSegmentGroup', { body: { name: a.app } })) as Named;
    const segment = (await ctx.admin.call('createSegment', {
      body: {
        name: a.app,
        domains: [a.app],
        tcpPortRanges: [{ from: a.port, to: a.port }],
        segmentGroupId: group.id,
      },
    })) as Named;
    await ctx.admin.call('createRule', {
      params: { type: 'access' },
      body: {
        name: `${a.app} for the SCIM group ${a.scimGroup.group}`,
        action: 'ALLOW',
        conditions: [
          { operator: 'OR', operands: [{ objectType: 'APP', lhs: 'id', rhs: segment.id }] },
          {
            operator: 'OR',
            operands: [{ objectType: 'SCIM_GROUP', lhs: idp.id, rhs: scimGroup.id }],
          },
        ],
      },
    });
  },
  advanceClock: async (ctx, a) => {
    const { now } = await ctx.admin.call('advanceClock', { body: a.by });
    return `cloud time ${now}`;
  },
  waitForProvisioning: (ctx, a) => waitForProvisioning(ctx, a),
  expectScimUser: async (ctx, a) => {
    const idp = await idpOf(ctx, a.idp);
    const list = (await ctx.admin.call('listScimUsers', {
      params: { id: idp.id },
      query: { filter: `userName eq "${a.user}"` },
    })) as { Resources?: { active?: boolean }[] };
    const found = list.Resources?.[0];
    const seen = found ? `active=${found.active}` : 'not in the SCIM database';
    const ok = a.active === null ? !found : found?.active === a.active;
    if (!ok) throw new Error(`SCIM user ${a.user}: ${seen}`);
    return seen;
  },
  signIn: async (ctx, a) => {
    ctx.clients.of(a.user).signIn(a.as ?? a.user);
    const s = await ctx.clients.settled(a.user);
    return `${a.as ?? a.user} signed in: service ${s.service.status}, auth ${s.auth.status}`;
  },
  openApp: async (ctx, a) => {
    const { decision } = await ctx.clients.of(a.user).openApp(a.app, a.port);
    return `${a.app}:${a.port} ${decision.outcome} (${decision.code})`;
  },
  retry: async (ctx, a) => ctx.clients.of(a.user).retry(),
  signOut: async (ctx, a) => {
    ctx.clients.of(a.user).signOut();
    const s = await ctx.clients.signedOut(a.user);
    return `${a.user} signed out: auth ${s.auth.status}`;
  },
  authenticate: async (ctx, a) => ctx.clients.of(a.user).authenticate(),
  expectClient: (ctx, a) => ctx.clients.expect(a.user, a.expect),
};

async function waitForProvisioning(ctx: RunContext, a: Of<'waitForProvisioning'>) {
  const idp = await idpOf(ctx, a.idp);
  const params = { id: idp.id };
  if (a.logStatus !== undefined) {
    return poll(`a ${a.logStatus} in the IdP's provisioning log`, async () => {
      const log = (await ctx.admin.call('provisioningLog', {
        params,
        query: { kind: 'request', limit: 1000 },
      })) as { entries: { status: number | null; method: string | null; path: string | null }[] };
      const hit = log.entries.find((e) => e.status === a.logStatus);
      return [!!hit, hit ? `${hit.method} ${hit.path} → ${hit.status}` : 'none'];
    });
  }
  return poll(`the IdP's provisioning of ${a.user ?? a.group ?? idp.name}`, async () => {
    const status = (await ctx.admin.call('provisioningStatus', { params })) as {
      users: { name: string; state: string }[];
      groups: { name: string; state: string }[];
      vendorState?: { quarantine?: unknown };
    };
    if (a.quarantined !== undefined) {
      const q = !!status.vendorState?.quarantine;
      return [q === a.quarantined, q ? 'in quarantine' : 'not in quarantine'];
    }
    const list = a.group !== undefined ? status.groups : status.users;
    const name = a.group ?? a.user;
    const state = list.find((o) => o.name === name)?.state ?? 'absent';
    return [state === a.state, `${name}: ${state}`];
  });
}

export async function runAction(ctx: RunContext, a: Action): Promise<string | undefined> {
  const handler = handlers[a.do] as Handler<Action['do']>;
  return (await handler(ctx, a)) ?? undefined;
}
