import { onTestFinished } from 'vitest';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { startCloud, type RunningCloud } from '../../../electron/cloud/cloud.js';
import { ConnectorCore } from '../../../electron/connector/core/connector-core.js';
import { MemorySecretStore } from '../../../electron/connector/core/session-store.js';
import { snapshotWhere } from '../../../electron/connector/core/snapshot-where.js';
import { HttpFormBrowser } from '../../../electron/connector/http-browser.js';
import { freshTestDb } from '../../postgres/test-db.js';

export const PASSWORD = 'Passw0rd!';
export const ADMIN_TOKEN = 'stories-admin';

/** The story's cloud: :memory:, or a fresh PostgreSQL database in the `postgres` project. */
export async function storyCloud(): Promise<RunningCloud> {
  return startCloud({ port: 0, db: await freshTestDb({ seeded: true }), adminToken: ADMIN_TOKEN });
}

/**
 * A real connector core (HTTP sign-in through the bundled IdP's form, the push channel), disposed
 * when the test ends, passed or failed: the test files share one process (isolate: false), where
 * a core left running keeps its heartbeat, reconnects and re-armed timers going into later files.
 */
export function connector(cloud: RunningCloud, username: string, deviceId = `device-${username}`) {
  const core = new ConnectorCore({
    cloudUrl: cloud.baseUrl,
    deviceId,
    browser: new HttpFormBrowser({ username, password: PASSWORD }),
    secrets: new MemorySecretStore(),
    heartbeatMs: 60_000,
  });
  onTestFinished(() => core.dispose());
  return core;
}

/** Waits until the core's snapshot satisfies `predicate`, or fails with the last snapshot. */
export function until(
  core: ConnectorCore,
  predicate: (s: ConnectorSnapshot) => boolean,
  timeoutMs = 10_000,
): Promise<ConnectorSnapshot> {
  return snapshotWhere(core, predicate, timeoutMs).catch((s: ConnectorSnapshot) => {
    throw new Error(
      `timed out; service=${JSON.stringify(s.service)} auth=${JSON.stringify(s.auth)} channel=${JSON.stringify(s.channel)} lastError=${JSON.stringify(s.lastError)}`,
    );
  });
}

export const isOn = (s: ConnectorSnapshot) => s.service.status === 'on';

export async function adminApi(cloud: RunningCloud, method: string, path: string, body?: unknown) {
  const res = await fetch(`${cloud.baseUrl}/api/admin${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  // Admin API answers are read field by field in the stories; their shapes are tested elsewhere.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return text ? (JSON.parse(text) as Record<string, any>) : {};
}

export const idpOf = (cloud: RunningCloud, vendorOrName: string) =>
  cloud.idps.list().find((i) => i.vendor === vendorOrName || i.name === vendorOrName)!;

/** Turns on SCIM Sync and the IdP's SCIM push (as the admin pastes endpoint and token). */
export async function enableOktaProvisioning(cloud: RunningCloud, idpId: string) {
  await adminApi(cloud, 'PATCH', `/idps/${idpId}`, { scimSyncEnabled: true });
  const { token } = await adminApi(cloud, 'POST', `/idps/${idpId}/scim-token`);
  const endpoint = cloud.idps.get(idpId).scimEndpoint;
  await adminApi(cloud, 'PUT', `/idps/${idpId}/provisioning`, {
    enabled: true,
    baseUrl: endpoint,
    token,
  });
}

/** A directory user of the IdP, by userName. */
export async function directoryUser(cloud: RunningCloud, idpId: string, userName: string) {
  const dir = await adminApi(cloud, 'GET', `/idps/${idpId}/directory/users`);
  const users = (dir.users ?? dir) as { id: string; userName: string }[];
  return users.find((u) => u.userName === userName)!;
}

/** A directory group of the IdP, by name. */
export async function directoryGroup(cloud: RunningCloud, idpId: string, name: string) {
  const groups = await adminApi(cloud, 'GET', `/idps/${idpId}/directory/groups`);
  return ((groups.groups ?? groups) as { id: string; name: string }[]).find(
    (g) => g.name === name,
  )!;
}

/** Okta's "Provision User" for one user assigned before provisioning was enabled. */
export async function provisionUser(cloud: RunningCloud, idpId: string, userName: string) {
  const user = await directoryUser(cloud, idpId, userName);
  await adminApi(cloud, 'POST', `/idps/${idpId}/provisioning/users/${user.id}/provision`);
  return user;
}
