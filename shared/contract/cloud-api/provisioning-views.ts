/**
 * What the admin API answers about an IdP's SCIM push client: its configuration (never the
 * token), a test connection, each object's push state with the vendor's own job state, and the
 * push log. The one source of these shapes: the provisioning service and the console derive them.
 */
import { z } from '../zod.js';
import { IDP_VENDORS } from '../../model/idp.js';
import { isoDateTime } from './session.js';

/**
 * Okta's "To App" provisioning switches (Provisioning > To App), each on or off; Zscaler's guide
 * turns all three on, which is the default. Okta (and generic) IdPs only.
 */
export const toAppSettings = z.object({
  createUsers: z.boolean(),
  updateUserAttributes: z.boolean(),
  deactivateUsers: z.boolean(),
});
export type ToAppSettings = z.output<typeof toAppSettings>;
export type ToAppSwitch = keyof ToAppSettings;
export const TO_APP_SWITCHES = Object.keys(toAppSettings.shape) as ToAppSwitch[];

export const provisioningConfigView = z.object({
  idpId: z.string(),
  vendor: z.enum(IDP_VENDORS),
  enabled: z.boolean(),
  baseUrl: z.string().nullable(),
  tokenSet: z.boolean(),
  /** The vendor's options with their defaults (Okta PROVISION_OUT_OF_SYNC_USERS, Ping...). */
  vendorOptions: z.record(z.string(), z.unknown()),
  /** Okta's To App switches (Create Users, Update User Attributes, Deactivate Users); null elsewhere. */
  toApp: toAppSettings.nullable(),
  enabledAt: isoDateTime.nullable(),
  updatedAt: isoDateTime.nullable(),
});

export const testConnectionView = z.object({
  ok: z.boolean(),
  message: z.string(),
  calls: z.array(
    z.object({
      method: z.string(),
      path: z.string(),
      /** 0 when no HTTP response came. */
      status: z.number().int(),
      durationMs: z.number(),
      scimType: z.string().nullable(),
      detail: z.string().nullable(),
    }),
  ),
});

/** A directory object's push state as the console shows it ('not_provisioned': no record). */
export const PROVISIONING_VIEW_STATES = [
  'provisioned',
  'out_of_sync',
  'failed',
  'pending',
  'deprovisioned',
  'not_provisioned',
] as const;

export const provisioningObjectView = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(PROVISIONING_VIEW_STATES),
  scimId: z.string().nullable(),
  inScope: z.boolean(),
  existsInDirectory: z.boolean(),
  message: z.string().nullable(),
  lastResult: z
    .object({
      at: isoDateTime,
      operation: z.string(),
      method: z.string(),
      path: z.string(),
      status: z.number().int(),
      scimType: z.string().nullable(),
      detail: z.string().nullable(),
    })
    .nullable(),
  attempts: z.number().int(),
  retryAt: isoDateTime.nullable(),
  since: isoDateTime.nullable(),
  updatedAt: isoDateTime.nullable(),
  /** Groups only: the members the target was last sent. */
  members: z.number().int().optional(),
});

const stateCounts = z.object({
  ...(Object.fromEntries(PROVISIONING_VIEW_STATES.map((s) => [s, z.number().int()])) as Record<
    (typeof PROVISIONING_VIEW_STATES)[number],
    z.ZodNumber
  >),
  total: z.number().int(),
});

const cycleView = z.object({
  kind: z.enum(['initial', 'incremental']),
  startedAt: isoDateTime.nullable(),
  endedAt: isoDateTime.nullable(),
  calls: z.number().int(),
  failures: z.number().int(),
  usersVisited: z.number().int(),
  groupsVisited: z.number().int(),
  outcome: z.enum(['running', 'succeeded', 'failed']),
  detail: z.string().nullable(),
});

/** Entra ID's provisioning job. */
const entraJobView = z.object({
  status: z.enum(['disabled', 'quarantined', 'running', 'stopped']),
  initialCycleDone: z.boolean(),
  cycles: z.number().int(),
  watermark: isoDateTime.nullable(),
  lastCycle: cycleView.nullable(),
  nextCycleAt: isoDateTime.nullable(),
  quarantine: z
    .object({
      since: isoDateTime.nullable(),
      reason: z.literal('EncounteredQuarantineException'),
      detail: z.string(),
      failedCycles: z.number().int(),
    })
    .nullable(),
  disabledReason: z.string().nullable(),
  aadOptscim062020: z.boolean(),
});

/** PingFederate's polling. */
const pingJobView = z.object({
  initialSyncDone: z.boolean(),
  polls: z.number().int(),
  lastPoll: cycleView.nullable(),
  nextPollAt: isoDateTime.nullable(),
  removeUserAction: z.enum(['disable', 'delete']),
});

/** Okta's org feature flags. */
const oktaOrgView = z.object({
  orgFlags: z.object({ PROVISION_OUT_OF_SYNC_USERS: z.boolean() }),
});

export const provisioningStatusView = z.object({
  idpId: z.string(),
  vendor: z.enum(IDP_VENDORS),
  enabled: z.boolean(),
  configured: z.boolean(),
  enabledAt: isoDateTime.nullable(),
  counts: z.object({ users: stateCounts, groups: stateCounts }),
  queued: z.number().int(),
  vendorState: z.union([entraJobView, pingJobView, oktaOrgView]),
  users: z.array(provisioningObjectView),
  groups: z.array(provisioningObjectView),
});

export const provisioningLogView = z.object({
  total: z.number().int(),
  entries: z.array(
    z.object({
      seq: z.number().int(),
      at: isoDateTime,
      kind: z.enum(['request', 'event']),
      objectType: z.enum(['user', 'group']).nullable(),
      objectId: z.string().nullable(),
      name: z.string().nullable(),
      /** What the client was doing: create, link, update, deactivate, cycle-start, quarantine, ... */
      operation: z.string(),
      method: z.string().nullable(),
      path: z.string().nullable(),
      /** HTTP status; 0 when the request got no response (network error, timeout). */
      status: z.number().int().nullable(),
      scimType: z.string().nullable(),
      detail: z.string().nullable(),
      durationMs: z.number().nullable(),
      /** The request body, secrets redacted. */
      request: z.unknown(),
    }),
  ),
});
