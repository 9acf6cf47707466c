/**
 * One attendee's tenant: a whole cloud (startCloud, not listening) over its own database (a SQLite
 * file, or a PostgreSQL schema: tenant-databases.ts), mounted
 * under /t/<k> of the workshop's one HTTP server. Its base URL is the workshop's public URL plus
 * that prefix, so every URL it hands out (SCIM, SAML, OIDC, console) lands back in it, and
 * nothing inside it knows about tenants. Its clock is its own.
 */
import { createHmac } from 'node:crypto';
import { attendeePrefix } from '../../../shared/contract/cloud-api/workshop.js';
import { startCloud, type RunningCloud } from '../cloud.js';
import { attendeeDomains, type DemoDomains } from '../seed/demo-domains.js';
import type { TenantData } from './tenant-databases.js';

export interface AttendeeTenant {
  attendee: number;
  /** `/t/<k>` */
  prefix: string;
  domains: DemoDomains;
  /** The attendee's admin token (derived from the trainer's, so none is stored). */
  adminToken: string;
  cloud: RunningCloud;
}

/**
 * Attendee k's admin token: an HMAC of the trainer's token, so the same trainer token gives the
 * same attendee tokens after a restart and no attendee token is kept in any database.
 */
export function attendeeAdminToken(trainerToken: string, attendee: number): string {
  return createHmac('sha256', trainerToken)
    .update(`workshop-attendee:${attendee}`)
    .digest('base64url');
}

/** `cloud.db` → `cloud.attendee-3.db` beside it; `:memory:` stays in memory. */
export function attendeeDb(db: string, attendee: number): string {
  if (db === ':memory:') return db;
  const dot = db.lastIndexOf('.');
  const slash = Math.max(db.lastIndexOf('/'), db.lastIndexOf('\\'));
  const stem = dot > slash ? db.slice(0, dot) : db;
  const ext = dot > slash ? db.slice(dot) : '.db';
  return `${stem}.attendee-${attendee}${ext}`;
}

export async function startAttendeeTenant(o: {
  attendee: number;
  baseUrl: string;
  data: TenantData;
  trainerToken: string;
}): Promise<AttendeeTenant> {
  const prefix = attendeePrefix(o.attendee);
  const domains = attendeeDomains(o.attendee);
  const adminToken = attendeeAdminToken(o.trainerToken, o.attendee);
  const cloud = await startCloud({
    listen: false,
    publicUrl: `${o.baseUrl}${prefix}`,
    ...o.data,
    adminToken,
    demoDomains: domains,
  }).catch(async (e: unknown) => {
    await o.data.store?.close(); // opened for this cloud, which did not start
    throw e;
  });
  return { attendee: o.attendee, prefix, domains, adminToken, cloud };
}
