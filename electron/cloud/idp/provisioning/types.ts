/** The SCIM push clients of the bundled IdPs: configuration, state and admin API views. */
import type { ToAppSettings } from '../../../../shared/contract/cloud-api/admin-provisioning.js';
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { ProvisioningObjectType, ProvisioningState } from '../../store/provisioning-types.js';

/** Event 'provisioning.objectChanged': the push state of a directory object changed. */
export interface ProvisioningObjectChange {
  idpId: string;
  objectType: ProvisioningObjectType;
  /** Directory id. */
  objectId: string;
  name: string;
  state: ProvisioningState | 'removed';
  previousState: ProvisioningState | null;
  scimId: string | null;
}

/** Okta (and generic) org and app options. */
export interface OktaOptions {
  /** The org feature flag PROVISION_OUT_OF_SYNC_USERS (enabled by Okta support). */
  provisionOutOfSyncUsers: boolean;
  /** Profile Editor mappings of department (enterprise extension) and title. */
  pushEnterpriseAttributes: boolean;
  /** Create Users, Update User Attributes, Deactivate Users. */
  toApp: ToAppSettings;
  /** Requests in flight at once. */
  concurrency: number;
}

export interface EntraOptions {
  /** The `aadOptscim062020` feature flag (also recognised when appended to the Tenant URL). */
  aadOptscim062020: boolean;
  concurrency: number;
}

export interface PingOptions {
  /** Remove User Action of the Zscaler ZPA connector: what happens to users leaving scope. */
  removeUserAction: 'disable' | 'delete';
  /** How updates are sent. */
  updateMethod: 'put' | 'patch';
  concurrency: number;
}

export type VendorOptions = OktaOptions | EntraOptions | PingOptions;

/** `GET/PUT /api/admin/idps/:id/provisioning` (never the token). */
export interface ProvisioningConfigView {
  idpId: string;
  vendor: IdpVendor;
  enabled: boolean;
  baseUrl: string | null;
  tokenSet: boolean;
  vendorOptions: Record<string, unknown>;
  /** Okta's To App switches; null for the other vendors. */
  toApp: ToAppSettings | null;
  enabledAt: string | null;
  updatedAt: string | null;
}

/** Entra ID's provisioning job state. */
export interface EntraState {
  initialCycleDone: boolean;
  /** Start of the last completed cycle: the next incremental cycle looks at changes since. */
  watermark: number | null;
  nextCycleAt: number | null;
  cycles: number;
  lastCycle: CycleSummary | null;
  quarantine: {
    since: number;
    reason: 'EncounteredQuarantineException';
    detail: string;
    /** Failed cycles since quarantine began. */
    failedCycles: number;
  } | null;
  /** Set when the job was disabled after four weeks in quarantine. */
  disabledReason: string | null;
}

export interface PingState {
  initialSyncDone: boolean;
  nextPollAt: number | null;
  polls: number;
  lastPoll: CycleSummary | null;
}

export interface CycleSummary {
  kind: 'initial' | 'incremental';
  startedAt: number;
  endedAt: number | null;
  calls: number;
  failures: number;
  usersVisited: number;
  groupsVisited: number;
  outcome: 'running' | 'succeeded' | 'failed';
  detail: string | null;
}

export type PushMode = 'initial' | 'incremental';
