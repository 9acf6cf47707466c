/** The cloud's admin API, as the e2e stories use it (what an admin does in the console). */
import { expect } from '@playwright/test';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export class AdminApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<Body> {
    const res = await fetch(`${this.baseUrl}/api/admin${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  get = (path: string) => this.request('GET', path);

  async idp(name: 'Okta (SAML)' | 'Globex OIDC'): Promise<Body> {
    const idps: Body[] = await this.get('/idps');
    const idp = idps.find((i) => i.name === name);
    if (!idp) throw new Error(`No IdP ${name}`);
    return idp;
  }

  patchIdp(id: string, body: Record<string, unknown>) {
    return this.request('PATCH', `/idps/${id}`, body);
  }

  /** IdP Configuration > Enabled for SCIM Sync, Generate New Token; pasted into the IdP's app. */
  async connectScim(idpId: string, vendorOptions?: Record<string, unknown>) {
    await this.patchIdp(idpId, { scimSyncEnabled: true });
    const { token } = await this.request('POST', `/idps/${idpId}/scim-token`);
    const { scimEndpoint } = await this.get(`/idps/${idpId}`);
    return this.request('PUT', `/idps/${idpId}/provisioning`, {
      enabled: true,
      baseUrl: scimEndpoint,
      token,
      ...(vendorOptions ? { vendorOptions } : {}),
    });
  }

  configureProvisioning(idpId: string, body: Record<string, unknown>) {
    return this.request('PUT', `/idps/${idpId}/provisioning`, body);
  }

  provisioningStatus(idpId: string): Promise<Body> {
    return this.get(`/idps/${idpId}/provisioning/status`);
  }

  async userState(idpId: string, userName: string): Promise<string> {
    const s = await this.provisioningStatus(idpId);
    return s.users.find((u: Body) => u.name === userName)?.state ?? 'absent';
  }

  /** Waits until the IdP's push client reports `state` for the user. */
  async waitForUserState(idpId: string, userName: string, state: string) {
    await expect
      .poll(() => this.userState(idpId, userName), { timeout: 20_000, intervals: [100, 250, 500] })
      .toBe(state);
  }

  async directoryUser(idpId: string, userName: string): Promise<Body> {
    const users: Body[] = await this.get(`/idps/${idpId}/directory/users`);
    const u = users.find((x) => x.userName === userName);
    if (!u) throw new Error(`No directory user ${userName}`);
    return u;
  }

  async directoryGroup(idpId: string, name: string): Promise<Body> {
    const groups: Body[] = await this.get(`/idps/${idpId}/directory/groups`);
    const g = groups.find((x) => x.name === name);
    if (!g) throw new Error(`No directory group ${name}`);
    return g;
  }

  provisionUser(idpId: string, userId: string) {
    return this.request('POST', `/idps/${idpId}/provisioning/users/${userId}/provision`);
  }

  deactivateUser(idpId: string, userId: string) {
    return this.request('POST', `/idps/${idpId}/directory/users/${userId}/deactivate`);
  }

  unassignGroup(idpId: string, groupId: string) {
    return this.request('DELETE', `/idps/${idpId}/directory/assignments/groups/${groupId}`);
  }

  assignGroup(idpId: string, groupId: string) {
    return this.request('POST', `/idps/${idpId}/directory/assignments`, { groupIds: [groupId] });
  }

  /** Okta "Push Groups": the group and its members go to the cloud's SCIM database. */
  async pushGroup(idpId: string, name: string) {
    const group = await this.directoryGroup(idpId, name);
    await this.request('POST', `/idps/${idpId}/directory/groups/${group.id}/push`);
    await expect
      .poll(
        async () =>
          (await this.provisioningStatus(idpId)).groups.find((g: Body) => g.name === name)?.state,
        { timeout: 20_000, intervals: [100, 250, 500] },
      )
      .toBe('provisioned');
  }

  advanceClock(by: { minutes?: number; hours?: number; days?: number; ms?: number }) {
    return this.request('POST', '/clock/advance', by);
  }

  /** The Okta app's users and groups are in place: SCIM Sync on, every assigned user pushed. */
  async provisionOkta(idpId: string) {
    await this.connectScim(idpId, { provisionOutOfSyncUsers: true });
    const zpaUsers = await this.directoryGroup(idpId, 'ZPA Users');
    await this.unassignGroup(idpId, zpaUsers.id);
    await this.assignGroup(idpId, zpaUsers.id);
    await this.waitForUserState(idpId, 'alice@acme.example', 'provisioned');
  }

  /** The connector sessions with whether their push channel is connected. */
  sessions(): Promise<{ id: string; userName: string; connected: boolean }[]> {
    return this.get('/sessions');
  }

  /** The live session of `userName` whose push channel is connected. */
  async connectedSession(userName: string): Promise<{ id: string }> {
    let found: { id: string } | undefined;
    await expect(async () => {
      found = (await this.sessions()).find((s) => s.userName === userName && s.connected);
      expect(found).toBeTruthy();
    }).toPass({ timeout: 5_000 });
    return found!;
  }

  /** Drops the session's push channel as a network failure would (no close frame). */
  dropPushChannel(sessionId: string) {
    return this.request('DELETE', `/sessions/${sessionId}/channel`);
  }

  revokeSession(sessionId: string) {
    return this.request('DELETE', `/sessions/${sessionId}`);
  }

  rotateSamlCertificate(idpId: string) {
    return this.request('POST', `/idps/${idpId}/saml/rotate-certificate`);
  }
}
