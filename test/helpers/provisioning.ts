/**
 * A cloud with the IdP directory and provisioning (SCIM push) admin API, over real HTTP: the
 * cloud as shipped, whose push engine provisions into its own SCIM endpoint (nothing served by
 * the test: a cloud without those routes or that engine fails).
 */
import type { CloudOptions, RunningCloud } from '../../electron/cloud/cloud.js';
import type { IdpConfig } from '../../shared/model/idp.js';
import {
  admin,
  enableScim,
  eventually,
  startTestCloud,
  type AdminClient,
  type Body,
} from './cloud.js';

export interface ProvisioningHarness {
  cloud: RunningCloud;
  /** The cloud's admin API (IdPs, SCIM database, sync logs, clock). */
  api: AdminClient;
  /** Where the directory and provisioning routes are served (the cloud's admin API). */
  idpApi: AdminClient;
  close(): Promise<void>;
}

export async function startProvisioningHarness(
  options: Partial<CloudOptions> = {},
): Promise<ProvisioningHarness> {
  const cloud = await startTestCloud(options);
  const api = admin(cloud);
  return { cloud, api, idpApi: api, close: () => cloud.close() };
}

/** Asserts a 2xx and returns the body, with the response in the message otherwise. */
export async function ok(
  res: Promise<{ status: number; body: Body; text: string }>,
): Promise<Body> {
  const r = await res;
  if (r.status < 200 || r.status >= 300) throw new Error(`HTTP ${r.status}: ${r.text}`);
  return r.body;
}

/** Turns SCIM Sync on in the cloud and pastes its endpoint and a new token into the IdP. */
export async function connectProvisioning(
  h: ProvisioningHarness,
  idp: IdpConfig,
  vendorOptions?: Record<string, unknown>,
) {
  const scim = await enableScim(h.cloud, idp.name);
  const config = await ok(
    h.idpApi.request('PUT', `/idps/${idp.id}/provisioning`, {
      body: { enabled: true, baseUrl: scim.endpoint, token: scim.token, vendorOptions },
    }),
  );
  return { ...scim, config };
}

export const directoryOf = (h: ProvisioningHarness, idpId: string) => {
  const base = `/idps/${idpId}/directory`;
  const api = h.idpApi;
  return {
    users: (): Promise<Body[]> => ok(api.get(`${base}/users`)),
    user: async (userName: string): Promise<Body> => {
      const all: Body[] = await ok(api.get(`${base}/users?includeDeleted=true`));
      const u = all.find((x) => x.userName === userName);
      if (!u) throw new Error(`No directory user ${userName}`);
      return u;
    },
    groups: (): Promise<Body[]> => ok(api.get(`${base}/groups`)),
    group: async (name: string): Promise<Body> => {
      const all: Body[] = await ok(api.get(`${base}/groups`));
      const g = all.find((x) => x.name === name);
      if (!g) throw new Error(`No directory group ${name}`);
      return g;
    },
    createUser: (body: Record<string, unknown>): Promise<Body> =>
      ok(api.post(`${base}/users`, { password: 'Passw0rd!', ...body })),
    patchUser: (id: string, body: Record<string, unknown>): Promise<Body> =>
      ok(api.patch(`${base}/users/${id}`, body)),
    deactivate: (id: string) => ok(api.post(`${base}/users/${id}/deactivate`)),
    reactivate: (id: string) => ok(api.post(`${base}/users/${id}/reactivate`)),
    deleteUser: (id: string, purge = false) =>
      api.delete(`${base}/users/${id}${purge ? '?purge=true' : ''}`),
    createGroup: (name: string): Promise<Body> => ok(api.post(`${base}/groups`, { name })),
    patchGroup: (id: string, body: Record<string, unknown>) =>
      ok(api.patch(`${base}/groups/${id}`, body)),
    deleteGroup: (id: string) => api.delete(`${base}/groups/${id}`),
    addMembers: (groupId: string, userIds: string[]) =>
      ok(api.post(`${base}/groups/${groupId}/members`, { userIds })),
    removeMember: (groupId: string, userId: string) =>
      ok(api.delete(`${base}/groups/${groupId}/members/${userId}`)),
    assign: (body: { userIds?: string[]; groupIds?: string[] }) =>
      ok(api.post(`${base}/assignments`, body)),
    unassignUser: (id: string) => ok(api.delete(`${base}/assignments/users/${id}`)),
    unassignGroup: (id: string) => ok(api.delete(`${base}/assignments/groups/${id}`)),
    push: (groupId: string) => ok(api.post(`${base}/groups/${groupId}/push`)),
    unpush: (groupId: string, deleteInTarget = true) =>
      ok(api.post(`${base}/groups/${groupId}/unpush`, { deleteInTarget })),
  };
};

export const provisioningOf = (h: ProvisioningHarness, idpId: string) => {
  const base = `/idps/${idpId}/provisioning`;
  const api = h.idpApi;
  return {
    config: (): Promise<Body> => ok(api.get(base)),
    configure: (body: Record<string, unknown>): Promise<Body> =>
      ok(api.request('PUT', base, { body })),
    status: (): Promise<Body> => ok(api.get(`${base}/status`)),
    userState: async (userName: string): Promise<Body> => {
      const s = await ok(api.get(`${base}/status`));
      const u = s.users.find((x: Body) => x.name === userName);
      if (!u) throw new Error(`${userName} is not in the provisioning status`);
      return u;
    },
    groupState: async (name: string): Promise<Body> => {
      const s = await ok(api.get(`${base}/status`));
      const g = s.groups.find((x: Body) => x.name === name);
      if (!g) throw new Error(`${name} is not in the provisioning status`);
      return g;
    },
    log: (q = ''): Promise<Body> => ok(api.get(`${base}/log${q}`)),
    testConnection: (body: Record<string, unknown> = {}): Promise<Body> =>
      ok(api.post(`${base}/test-connection`, body)),
    provisionUser: (userId: string): Promise<Body> =>
      ok(api.post(`${base}/users/${userId}/provision`)),
    restart: (): Promise<Body> => ok(api.post(`${base}/restart`)),
  };
};

/** The cloud's SCIM database for an IdP, read through the admin API (not the push client). */
export const scimDbOf = (h: ProvisioningHarness, idpId: string) => ({
  users: async (): Promise<Body[]> =>
    (await ok(h.api.get(`/idps/${idpId}/scim/users?count=1000`))).Resources,
  user: async (userName: string): Promise<Body | undefined> => {
    const all: Body[] = (await ok(h.api.get(`/idps/${idpId}/scim/users?count=1000`))).Resources;
    return all.find((u) => u.userName.toLowerCase() === userName.toLowerCase());
  },
  groups: async (): Promise<Body[]> =>
    (await ok(h.api.get(`/idps/${idpId}/scim/groups?count=1000`))).Resources,
});

export { eventually };
