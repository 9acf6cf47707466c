/**
 * Store interface of the IdPs' SCIM push clients (idp/provisioning owns the data): per-IdP
 * configuration and vendor state, per-object push state, and the push log. Re-exported by
 * types.ts. Times are milliseconds since the epoch (simulated clock).
 */
import type { PROVISIONING_VIEW_STATES } from '../../../shared/contract/cloud-api/provisioning-views.js';

/** The provisioning settings of one IdP's application, as the IdP admin entered them. */
export interface ProvisioningSettings {
  enabled: boolean;
  /** The cloud's SCIM Service Provider Endpoint the admin pasted (Okta Base URL, Entra Tenant URL). */
  baseUrl: string | null;
  /** The bearer token from "Generate New Token". Kept in clear: the IdP must send it. */
  token: string | null;
  vendorOptions: Record<string, unknown>;
  /** When provisioning was last switched on; null while it never was. */
  enabledAt: number | null;
  updatedAt: number;
  /** The vendor engine's own state (Entra cycles and quarantine, Ping polls). */
  vendorState: Record<string, unknown>;
}

export type ProvisioningObjectType = 'user' | 'group';

/** A stored push state: the admin API's states (provisioning-views.ts) but "no record yet". */
export type ProvisioningState = Exclude<
  (typeof PROVISIONING_VIEW_STATES)[number],
  'not_provisioned'
>;

/** The outcome of one SCIM request, as the push client saw it. status 0: no HTTP response. */
export interface ScimCallResult {
  at: number;
  operation: string;
  method: string;
  path: string;
  status: number;
  scimType: string | null;
  detail: string | null;
}

/** The push state of one directory object (user or group) of one IdP. */
export interface ProvisioningObject {
  type: ProvisioningObjectType;
  /** The directory id. */
  id: string;
  /** userName or group name, as last seen. */
  name: string;
  state: ProvisioningState;
  /** The id the cloud's SCIM service gave the object; null until created or linked. */
  scimId: string | null;
  /** What was last pushed successfully, compared with the directory to find changes. */
  pushed: Record<string, unknown> | null;
  /** Groups: the SCIM ids of the members the target group has, as far as the client knows. */
  members?: string[];
  /** Groups: unpushed or deleted in the directory, and to be deleted in the target too. */
  deleteInTarget?: boolean;
  /** Human-readable reason, e.g. Okta's out-of-sync message or the last error. */
  message: string | null;
  lastResult: ScimCallResult | null;
  /** Consecutive failed attempts (for back-off); 0 after a success. */
  attempts: number;
  /** When a failed push is retried automatically; null when it is not. */
  retryAt: number | null;
  /** When the object entered its current state. */
  since: number;
  updatedAt: number;
}

/** One line of the push log: a SCIM request the client made, or an engine event. */
export interface ProvisioningLogEntry {
  seq: number;
  at: number;
  kind: 'request' | 'event';
  objectType: ProvisioningObjectType | null;
  objectId: string | null;
  name: string | null;
  /** What the client was doing: create, link, update, deactivate, cycle-start, quarantine, ... */
  operation: string;
  method: string | null;
  path: string | null;
  /** HTTP status; 0 when the request got no response (network error, timeout). */
  status: number | null;
  scimType: string | null;
  detail: string | null;
  durationMs: number | null;
  /** The request body, secrets redacted. */
  request: unknown;
}

export type NewProvisioningLogEntry = Omit<ProvisioningLogEntry, 'seq'>;

export interface ProvisioningLogQuery {
  limit: number;
  offset: number;
  objectId?: string;
  kind?: 'request' | 'event';
  since?: number;
}

export interface ProvisioningStore {
  settings(idpId: string): ProvisioningSettings | undefined;
  putSettings(idpId: string, settings: ProvisioningSettings): void;
  /**
   * Writes `next` only if the stored settings are still `expected` (as read): one statement, so
   * of several instances replacing the same settings at once one succeeds. False: they changed.
   */
  replaceSettings(
    idpId: string,
    expected: ProvisioningSettings,
    next: ProvisioningSettings,
  ): boolean;
  /** The IdPs that have provisioning settings. */
  idpIds(): string[];

  object(idpId: string, type: ProvisioningObjectType, id: string): ProvisioningObject | undefined;
  objects(idpId: string, type?: ProvisioningObjectType): ProvisioningObject[];
  putObject(idpId: string, object: ProvisioningObject): void;
  removeObject(idpId: string, type: ProvisioningObjectType, id: string): boolean;

  appendLog(idpId: string, entries: readonly NewProvisioningLogEntry[]): void;
  /** Newest first. */
  log(
    idpId: string,
    query: ProvisioningLogQuery,
  ): { total: number; entries: ProvisioningLogEntry[] };
  pruneLogBefore(at: number): number;

  /**
   * Claims queued items ("user:<id>") for `owner` until `expiresAt` (wall-clock ms), in one
   * statement: returns those claimed, leaving out the ones another owner holds unexpired.
   */
  claim(
    idpId: string,
    items: readonly string[],
    owner: string,
    now: number,
    expiresAt: number,
  ): string[];
  /** Ends the owner's claim of the item. */
  release(idpId: string, item: string, owner: string): void;
  /** Ends every claim of the owner (it stops pushing). */
  releaseAll(owner: string): void;

  removeAllOfIdp(idpId: string): void;
}
