/**
 * The admin API of the bundled IdPs' SCIM push clients (/api/admin/idps/{id}/provisioning): the
 * configuration as pasted from the cloud, Okta's To App switches, test connection, provision on
 * demand, restart, status, log and the running push's progress.
 */
import { z } from '../zod.js';
import { idpParams, userParams } from './admin-idp.js';
import {
  provisioningConfigView,
  provisioningLogView,
  provisioningObjectView,
  provisioningStatusView,
  testConnectionView,
  toAppSettings,
} from './provisioning-views.js';
import { routes } from './route.js';
import { isoDateTime } from './session.js';

const PROV = '/api/admin/idps/{id}/provisioning';

const url = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');
const pushToken = z.string().trim().min(1).max(4096);

/** Okta's To App switches to change; those left out keep their value. */
export const toAppSchema = toAppSettings.partial().strict();

/** A partial update: what is left out keeps its stored value (vendorOptions merge key by key). */
const configSchema = z
  .object({
    enabled: z.boolean().optional(),
    baseUrl: url.nullable().optional(),
    token: pushToken.optional(),
    vendorOptions: z.record(z.string(), z.unknown()).optional(),
    toApp: toAppSchema.optional(),
  })
  .strict();

const testSchema = z.object({ baseUrl: url.optional(), token: pushToken.optional() }).strict();

const logQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
    objectId: z.string().max(64).optional(),
    kind: z.enum(['request', 'event']).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** A push's progress, for the console's progress bar and the CLI's progress line. */
export const provisioningProgress = z.object({
  running: z.boolean(),
  /** Objects (users and groups) the push has handled, and how many it will handle in all. */
  done: z.number().int(),
  total: z.number().int(),
  failed: z.number().int(),
  /** Objects per second since the push started (wall clock, not the simulated clock). */
  perSecond: z.number(),
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
});

export const provisioningRoutes = routes({
  provisioningConfig: {
    method: 'GET',
    path: PROV,
    auth: 'admin',
    summary: "The IdP's SCIM push client configuration (never the token)",
    params: idpParams,
    response: provisioningConfigView,
  },
  configureProvisioning: {
    method: 'PUT',
    path: PROV,
    auth: 'admin',
    summary: 'Configure the SCIM push client (Base URL and token as pasted from the cloud)',
    params: idpParams,
    body: configSchema,
    response: provisioningConfigView,
  },
  testProvisioningConnection: {
    method: 'POST',
    path: `${PROV}/test-connection`,
    auth: 'admin',
    summary: 'Test the connection to the SCIM endpoint',
    params: idpParams,
    body: testSchema,
    response: testConnectionView,
  },
  provisionUser: {
    method: 'POST',
    path: `${PROV}/users/{userId}/provision`,
    auth: 'admin',
    summary: 'Provision one user now (provision on demand)',
    params: userParams,
    response: provisioningObjectView,
  },
  restartProvisioning: {
    method: 'POST',
    path: `${PROV}/restart`,
    auth: 'admin',
    summary: 'Restart provisioning (a full cycle)',
    params: idpParams,
    response: provisioningStatusView,
  },
  provisioningStatus: {
    method: 'GET',
    path: `${PROV}/status`,
    auth: 'admin',
    summary: 'Provisioning status per user and group',
    params: idpParams,
    response: provisioningStatusView,
  },
  provisioningLog: {
    method: 'GET',
    path: `${PROV}/log`,
    auth: 'admin',
    summary: "The push client's request and event log",
    params: idpParams,
    query: logQuery,
    response: provisioningLogView,
  },
});

/** Served by the push engine, which counts its own progress. */
export const provisioningProgressRoutes = routes({
  provisioningProgress: {
    method: 'GET',
    path: `${PROV}/progress`,
    auth: 'admin',
    summary: 'The running (or last) push: users and groups done of the total, failures, rate',
    params: idpParams,
    response: provisioningProgress,
  },
});
