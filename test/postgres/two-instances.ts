/**
 * Two cloud instances on one PostgreSQL database, as behind a load balancer: B advertises A's
 * address (one public URL for both), so a URL either gives out (login page, ACS, SCIM endpoint)
 * is the same; a test picks the instance a request goes to with `at`, as the balancer would.
 */
import type { AddressInfo } from 'node:net';
import { startCloud, type RunningCloud } from '../../electron/cloud/cloud.js';
import { ConnectorCore } from '../../electron/connector/core/connector-core.js';
import { MemorySecretStore } from '../../electron/connector/core/session-store.js';
import { HttpFormBrowser } from '../../electron/connector/http-browser.js';
import { admin } from '../helpers/cloud.js';
import { freshPostgresUrl } from './test-db.js';

export const ADMIN_TOKEN = 'two-instances-admin';
export const PASSWORD = 'Passw0rd!';

export interface Instance {
  cloud: RunningCloud;
  /** Where this instance itself listens. */
  url: string;
}

export async function startTwoInstances(): Promise<[Instance, Instance]> {
  const db = (await freshPostgresUrl())!;
  const a = await startCloud({ port: 0, db, adminToken: ADMIN_TOKEN });
  const b = await startCloud({ port: 0, db, adminToken: ADMIN_TOKEN, publicUrl: a.baseUrl });
  const { port } = b.server.address() as AddressInfo;
  return [
    { cloud: a, url: a.baseUrl },
    { cloud: b, url: `http://127.0.0.1:${port}` },
  ];
}

/** The URL with its origin replaced by the instance's: the request goes to that instance. */
export function at(instance: Instance, url: string): string {
  const u = new URL(url);
  const target = new URL(instance.url);
  u.host = target.host;
  return u.toString();
}

/** The admin API of one instance. */
export const adminAt = (instance: Instance) =>
  admin({ baseUrl: instance.url, adminToken: ADMIN_TOKEN });

/** A real connector core attached to one instance (API and push channel); sign-in pages follow the public URL. */
export function connectorAt(instance: Instance, username: string): ConnectorCore {
  return new ConnectorCore({
    cloudUrl: instance.url,
    deviceId: `device-${username}`,
    browser: new HttpFormBrowser({ username, password: PASSWORD }),
    secrets: new MemorySecretStore(),
    heartbeatMs: 60_000,
  });
}
