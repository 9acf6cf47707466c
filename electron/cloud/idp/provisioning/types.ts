/** The SCIM push clients of the bundled IdPs: configuration, state and admin API views. */
import type { z } from 'zod';
import type {
  ToAppSettings,
  provisioningConfigView,
  provisioningObjectView,
  provisioningStatusView,
} from '../../../../shared/contract/cloud-api/provisioning-views.js';
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

/** `GET/PUT /api/admin/idps/:id/provisioning` (never the token): the contract's shape. */
export type ProvisioningConfigView = z.output<typeof provisioningConfigView>;
/** GET .../provisioning/status and what a restart answers. */
export type ProvisioningStatusView = z.output<typeof provisioningStatusView>;
/** One user's or group's push state (what Provision User answers). */
export type ProvisioningObjectView = z.output<typeof provisioningObjectView>;

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
