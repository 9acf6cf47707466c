import type { ToAppSettings } from '../../../shared/contract/cloud-api/admin-provisioning.js';
/**
 * Types of the answers the console reads. Where the contract describes a route's response
 * (a zod schema), the type is derived from it; where it leaves the response undescribed
 * (z.unknown()), the shared model's type is used, or, last, only the fields the console reads
 * are named here, as the cloud sends them.
 */
import type { z } from 'zod';
import type { clockView, idpConfig } from '../../../shared/contract/cloud-api/admin.js';
import type { provisioningProgress } from '../../../shared/contract/cloud-api/admin-provisioning.js';
import type { liveSession } from '../../../shared/contract/cloud-api/session.js';

export type IdpView = z.output<typeof idpConfig>;
export type ClockView = z.output<typeof clockView>;
export type ProgressView = z.output<typeof provisioningProgress>;

/** GET /api/admin/sessions: the live session plus its channel and connection count. */
export type SessionView = z.output<typeof liveSession> & {
  connected: boolean;
  connections: number;
};

/** A SCIM ListResponse (RFC 7644 §3.4.2). */
export interface ScimList<T> {
  totalResults: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources?: T[];
}

export interface ScimUserView {
  id: string;
  userName: string;
  externalId?: string;
  active?: boolean;
  displayName?: string;
  meta?: { lastModified?: string };
}

export interface ScimGroupView {
  id: string;
  displayName: string;
  externalId?: string;
  members?: { value: string; display?: string }[];
  meta?: { lastModified?: string };
}

/** GET .../provisioning: the IdP's SCIM push client (never the token). */
export interface ProvisioningConfigView {
  idpId: string;
  vendor: IdpView['vendor'];
  enabled: boolean;
  baseUrl: string | null;
  tokenSet: boolean;
  /** The vendor's options with their defaults (Okta PROVISION_OUT_OF_SYNC_USERS, Ping...). */
  vendorOptions: Record<string, unknown>;
  /** Okta's To App switches (Create Users, Update User Attributes, Deactivate Users); null elsewhere. */
  toApp: ToAppSettings | null;
  enabledAt: string | null;
  updatedAt: string | null;
}

/** POST .../provisioning/test-connection. */
export interface TestConnectionView {
  ok: boolean;
  message: string;
  calls: { method: string; path: string; status: number; durationMs: number }[];
}

export interface ProvisioningObjectView {
  id: string;
  name: string;
  state: string;
  scimId: string | null;
  inScope: boolean;
  message: string | null;
  attempts: number;
  updatedAt: string | null;
}

/** GET .../provisioning/status: each object's state and the counts. */
export interface ProvisioningStatusView {
  enabled: boolean;
  configured: boolean;
  enabledAt: string | null;
  counts: { users: Record<string, number>; groups: Record<string, number> };
  queued: number;
  vendorState: Record<string, unknown> | null;
  users: ProvisioningObjectView[];
  groups: ProvisioningObjectView[];
}

/** GET .../directory/users: the IdP's own directory (no passwords). */
export interface DirectoryUserView {
  id: string;
  userName: string;
  displayName: string;
  department: string | null;
  title: string | null;
  status: string;
  active: boolean;
  groups: { id: string; name: string }[];
  assignment: {
    inScope: boolean;
    direct: boolean;
    viaGroups: { id: string; name: string }[];
  };
  deletedAt: string | null;
}

export interface DirectoryGroupView {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  assigned: boolean;
  pushed: boolean;
  pushedAt: string | null;
}

/** GET .../directory/assignments. */
export interface AssignmentsView {
  users: { id: string; userName?: string; name?: string; assignedAt: string }[];
  groups: { id: string; name: string; assignedAt: string; memberCount: number }[];
  inScopeCount: number;
}
