/**
 * Types of the answers the console reads. Where the contract describes a route's response
 * (a zod schema), the type is derived from it; where it leaves the response undescribed
 * (z.unknown()), the shared model's type is used, or, last, only the fields the console reads
 * are named here, as the cloud sends them.
 */
import type { z } from 'zod';
import type { clockView, idpConfig } from '../../../shared/contract/cloud-api/admin.js';
import type { provisioningProgress } from '../../../shared/contract/cloud-api/admin-idp.js';
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
