/**
 * The admin API (/api/admin, bearer admin token): IdP configurations and their SCIM database,
 * SCIM Sync Logs, the simulated clock, connector sessions and Report an Issue reports. The
 * IdPs' directories, push clients and SAML settings are in admin-idp.ts; policies in
 * admin-policy.ts.
 */
import { z } from '../zod.js';
import { DURATION_BUCKETS } from '../../model/scim-sync-log.js';
import { IDP_PROTOCOLS, IDP_VENDORS } from '../../model/idp.js';
import { createIdpSchema, patchIdpSchema } from './idp-input.js';
import { routes } from './route.js';
import { scimGroupView, scimListView, scimSyncLogPage, scimUserView } from './scim-views.js';
import { adminSessionView, isoDateTime } from './session.js';
import { issueReportPage } from './support.js';

const resourceId = z.string().min(1).max(256);
export const idParams = z.object({ id: resourceId }).strict();
const scimResourceParams = z.object({ id: resourceId, resourceId }).strict();

export const idpConfig = z.object({
  id: z.string(),
  name: z.string(),
  protocol: z.enum(IDP_PROTOCOLS),
  vendor: z.enum(IDP_VENDORS),
  /** Email domains whose users sign in through this IdP (IdP discovery). */
  domains: z.array(z.string()),
  /** SSO status; a disabled IdP refuses sign-in (ZPA code 42042). */
  enabled: z.boolean(),
  samlAttributesForPolicy: z.boolean(),
  scimSyncEnabled: z.boolean(),
  scimAttributesForPolicy: z.boolean(),
  /** When "SCIM Attributes for Policy" was first switched on; sessions older than it are not SCIM-ready. */
  scimAttributesForPolicyFirstEnabledAt: isoDateTime.nullable(),
  /** Emulates the real cloud's 50 SCIM updates per second limit. Off by default. */
  scimRateLimitEnabled: z.boolean(),
  /** Signed-in users must reauthenticate when their user is updated. */
  reauthOnUserUpdate: z.boolean(),
  /** When SCIM Sync was first switched on. */
  scimSyncFirstEnabledAt: isoDateTime.nullable(),
  /**
   * Minutes after SCIM Sync was first enabled before SCIM-based rules take effect on the
   * simulated clock: 0 (default) at once; the real service advises waiting 48 hours to a week.
   */
  scimPolicyDelayMinutes: z.number().int(),
  /** When SCIM-based rules take effect; null while SCIM Sync was never enabled. */
  scimPolicyEffectiveAt: isoDateTime.nullable(),
  /** The real service's guidance on waiting before relying on SCIM policies. */
  scimPolicyGuidance: z.string(),
  /** The real ZPA API's names of the flags above (idp-input.ts ZPA_IDP_FLAGS). */
  scimEnabled: z.boolean(),
  enableScimBasedPolicy: z.boolean(),
  disableSamlBasedPolicy: z.boolean(),
  /** Absolute base URL of this IdP's SCIM service; /Users, /Groups, ... are appended. */
  scimEndpoint: z.string(),
  /** Whether a SCIM bearer token has been generated (the token itself is never shown again). */
  scimTokenSet: z.boolean(),
  scimTokenCreatedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

/** One recorded change of an IdP configuration field. */
export const idpChange = z.object({
  idpId: z.string(),
  at: isoDateTime,
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});

/** The SCIM list parameters (RFC 7644 §3.4.2), checked by the SCIM service itself. */
const scimListQuery = z.object({
  filter: z.string().max(8192).optional(),
  startIndex: z.string().max(32).optional(),
  count: z.string().max(32).optional(),
  sortBy: z.string().max(256).optional(),
  sortOrder: z.string().max(32).optional(),
  attributes: z.string().max(8192).optional(),
  excludedAttributes: z.string().max(8192).optional(),
});

const syncLogQuery = z
  .object({
    idpId: z.string().max(64).optional(),
    entityType: z.enum(['User', 'Group', 'Other']).optional(),
    entityName: z.string().max(256).optional(),
    idpEntityId: z.string().max(256).optional(),
    internalEntityId: z.string().max(256).optional(),
    status: z.coerce.number().int().min(100).max(599).optional(),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    duration: z.enum(DURATION_BUCKETS).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  })
  .strict();

/**
 * The most one fast-forward may move the clock: ten years. The clock itself refuses to pass
 * the year 9999 (clock/clock.ts), so no number of calls reaches an invalid date either.
 */
export const MAX_ADVANCE_DAYS = 3650;
const DAY_MS = 24 * 3600_000;

export const clockAdvanceSchema = z
  .object({
    ms: z
      .number()
      .int()
      .min(0)
      .max(MAX_ADVANCE_DAYS * DAY_MS)
      .optional(),
    minutes: z
      .number()
      .min(0)
      .max(MAX_ADVANCE_DAYS * 24 * 60)
      .optional(),
    hours: z
      .number()
      .min(0)
      .max(MAX_ADVANCE_DAYS * 24)
      .optional(),
    days: z.number().min(0).max(MAX_ADVANCE_DAYS).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give ms, minutes, hours or days')
  .transform((b) =>
    Math.round(
      (b.ms ?? 0) + ((b.minutes ?? 0) + ((b.hours ?? 0) + (b.days ?? 0) * 24) * 60) * 60_000,
    ),
  )
  .refine((ms) => ms <= MAX_ADVANCE_DAYS * DAY_MS, `at most ${MAX_ADVANCE_DAYS} days in all`);

/** Sets the simulated clock to a time (not before real time, not past the year 9999). */
export const clockSetSchema = z.object({ at: z.iso.datetime({ offset: true }) }).strict();

export const clockView = z.object({ now: isoDateTime, offsetMs: z.number() });

const pageQuery = (max: number, byDefault: number) =>
  z
    .object({
      limit: z.coerce.number().int().min(1).max(max).default(byDefault),
      offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    })
    .strict();

export const adminRoutes = routes({
  listIdps: {
    method: 'GET',
    path: '/api/admin/idps',
    auth: 'admin',
    summary: 'IdP configurations',
    response: z.array(idpConfig),
  },
  createIdp: {
    method: 'POST',
    path: '/api/admin/idps',
    auth: 'admin',
    summary: 'Create an IdP configuration',
    status: 201,
    body: createIdpSchema,
    response: idpConfig,
  },
  getIdp: {
    method: 'GET',
    path: '/api/admin/idps/{id}',
    auth: 'admin',
    summary: 'One IdP configuration',
    params: idParams,
    response: idpConfig,
  },
  updateIdp: {
    method: 'PATCH',
    path: '/api/admin/idps/{id}',
    auth: 'admin',
    summary: 'Change IdP configuration fields',
    params: idParams,
    body: patchIdpSchema,
    response: idpConfig,
  },
  deleteIdp: {
    method: 'DELETE',
    path: '/api/admin/idps/{id}',
    auth: 'admin',
    summary: 'Delete an IdP configuration (with its SCIM data)',
    status: 204,
    params: idParams,
  },
  generateScimToken: {
    method: 'POST',
    path: '/api/admin/idps/{id}/scim-token',
    auth: 'admin',
    summary: 'Generate a new SCIM bearer token (shown only here)',
    status: 201,
    params: idParams,
    response: z.object({ token: z.string() }),
  },
  idpHistory: {
    method: 'GET',
    path: '/api/admin/idps/{id}/history',
    auth: 'admin',
    summary: 'Every configuration change with its time',
    params: idParams,
    response: z.array(idpChange),
  },
  listScimUsers: {
    method: 'GET',
    path: '/api/admin/idps/{id}/scim/users',
    auth: 'admin',
    summary: "The IdP's SCIM users (a SCIM ListResponse)",
    params: idParams,
    query: scimListQuery,
    response: scimListView(scimUserView),
  },
  getScimUser: {
    method: 'GET',
    path: '/api/admin/idps/{id}/scim/users/{resourceId}',
    auth: 'admin',
    summary: 'One SCIM user',
    params: scimResourceParams,
    response: scimUserView,
  },
  listScimGroups: {
    method: 'GET',
    path: '/api/admin/idps/{id}/scim/groups',
    auth: 'admin',
    summary: "The IdP's SCIM groups (a SCIM ListResponse)",
    params: idParams,
    query: scimListQuery,
    response: scimListView(scimGroupView),
  },
  getScimGroup: {
    method: 'GET',
    path: '/api/admin/idps/{id}/scim/groups/{resourceId}',
    auth: 'admin',
    summary: 'One SCIM group',
    params: scimResourceParams,
    response: scimGroupView,
  },
  listScimAttributes: {
    method: 'GET',
    path: '/api/admin/idps/{id}/scim/attributes',
    auth: 'admin',
    summary:
      "The IdP's SCIM attributes usable in policy: id (what a SCIM criterion's lhs holds) and name",
    params: idParams,
    response: z.array(
      z.object({ id: z.string(), name: z.string(), idpId: z.string(), enterprise: z.boolean() }),
    ),
  },
  scimSyncLogs: {
    method: 'GET',
    path: '/api/admin/scim-sync-logs',
    auth: 'admin',
    summary: 'SCIM Sync Logs',
    query: syncLogQuery,
    response: scimSyncLogPage,
  },
  clock: {
    method: 'GET',
    path: '/api/admin/clock',
    auth: 'admin',
    summary: 'The simulated clock',
    response: clockView,
  },
  advanceClock: {
    method: 'POST',
    path: '/api/admin/clock/advance',
    auth: 'admin',
    summary: `Fast-forward the simulated clock (ms, minutes, hours, days; at most ${MAX_ADVANCE_DAYS} days)`,
    body: clockAdvanceSchema,
    response: clockView,
  },
  setClock: {
    method: 'POST',
    path: '/api/admin/clock/set',
    auth: 'admin',
    summary: 'Set the simulated clock to a time ({"at": ISO 8601}); not before real time',
    body: clockSetSchema,
    response: clockView,
  },
  realTimeClock: {
    method: 'POST',
    path: '/api/admin/clock/real-time',
    auth: 'admin',
    summary: 'Put the simulated clock back to real time (offset 0)',
    response: clockView,
  },
  listSessions: {
    method: 'GET',
    path: '/api/admin/sessions',
    auth: 'admin',
    summary: 'Connector sessions with their live state',
    query: z.object({ idpId: z.string().max(64).optional() }).strict(),
    response: z.array(adminSessionView),
  },
  revokeSession: {
    method: 'DELETE',
    path: '/api/admin/sessions/{id}',
    auth: 'admin',
    summary: 'Revoke a connector session',
    status: 204,
    params: idParams,
  },
  dropSessionChannel: {
    method: 'DELETE',
    path: '/api/admin/sessions/{id}/channel',
    auth: 'admin',
    summary: "Drop a session's push channel as a network failure would (the connector reconnects)",
    status: 204,
    params: idParams,
  },
  listIssues: {
    method: 'GET',
    path: '/api/admin/issues',
    auth: 'admin',
    summary: 'Report an Issue reports sent by connectors',
    query: pageQuery(100, 50),
    response: issueReportPage,
  },
  issueLogs: {
    method: 'GET',
    path: '/api/admin/issues/{id}/logs',
    auth: 'admin',
    summary: "A report's redacted logs ZIP",
    params: idParams,
    responseType: 'application/zip',
  },
});
