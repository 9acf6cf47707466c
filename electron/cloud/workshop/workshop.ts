/**
 * Workshop mode: one HTTP server (front-door.ts), the trainer's own cloud at its root (the demo
 * tenant, and the trainer's routes: attendees, live view, actions) and one tenant per attendee
 * under /t/<k> (tenant.ts).
 */
import { startCloud, type RunningCloud } from '../cloud.js';
import { newToken } from '../security/tokens.js';
import { advertisedBaseUrl } from './addresses.js';
import { frontDoor, type FrontDoorRoutes } from './front-door.js';
import { tenantDatabases } from './tenant-databases.js';
import { startAttendeeTenant, type AttendeeTenant } from './tenant.js';
import { withoutTrailingSlashes } from '../../../shared/url.js';

/** What the trainer's routes see of the workshop. */
export interface Workshop {
  /** The workshop's public base URL (the trainer's cloud; tenants are under /t/<k>). */
  readonly baseUrl: string;
  readonly tenants: readonly AttendeeTenant[];
}

export interface WorkshopOptions {
  attendees: number;
  port?: number;
  host?: string;
  db: string;
  /** The trainer's admin token (generated when absent); attendee tokens derive from it. */
  adminToken?: string;
  publicUrl?: string;
}

export interface RunningWorkshop extends Workshop {
  adminToken: string;
  /** The trainer's cloud at the root. */
  root: RunningCloud;
  close(): Promise<void>;
}

export async function startWorkshop(o: WorkshopOptions): Promise<RunningWorkshop> {
  const adminToken = o.adminToken ?? newToken();
  const routes: FrontDoorRoutes = { root: undefined, attendees: new Map() };
  const door = frontDoor(routes, adminToken);
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    door.server.once('error', reject).listen(o.port ?? 0, host, () => resolve());
  });
  const { port } = door.server.address() as { port: number };
  const listening = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const baseUrl =
    o.publicUrl === undefined
      ? advertisedBaseUrl(listening, host)
      : withoutTrailingSlashes(o.publicUrl);

  const tenants: AttendeeTenant[] = [];
  const close = async () => {
    await Promise.all([...tenants.map((t) => t.cloud.close()), root?.close()]);
    door.server.closeAllConnections();
    await new Promise<void>((resolve) => door.server.close(() => resolve()));
  };
  let root: RunningCloud | undefined;
  const databases = tenantDatabases(o.db);
  try {
    // One after the other: each seeds its database, and that is CPU work.
    for (let k = 1; k <= o.attendees; k++) {
      const tenant = await startAttendeeTenant({
        attendee: k,
        baseUrl,
        data: databases.open(k),
        trainerToken: adminToken,
      });
      tenants.push(tenant);
      routes.attendees.set(k, {
        attendee: k,
        server: tenant.cloud.server,
        adminToken: tenant.adminToken,
      });
      door.own(k, tenant.adminToken);
    }
    const workshop: Workshop = { baseUrl, tenants };
    const data = databases.open(null);
    root = await startCloud({
      listen: false,
      publicUrl: baseUrl,
      ...data,
      adminToken,
      workshop,
    }).catch(async (e: unknown) => {
      await data.store?.close(); // opened for this cloud, which did not start
      throw e;
    });
    routes.root = { attendee: null, server: root.server, adminToken };
    return { ...workshop, adminToken, root, close };
  } catch (e) {
    await close();
    throw e;
  }
}
