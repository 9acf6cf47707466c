/**
 * The SCIM database and its sync log as the admin API answers them. Resources are SCIM's own
 * (RFC 7643): the core attributes the console reads are named, the rest of a resource passes
 * through as SCIM returned it (the schemas are open: extensions, multi-valued attributes).
 */
import { z } from '../zod.js';
import { isoDateTime } from './session.js';

const scimMeta = z.looseObject({
  resourceType: z.string(),
  created: isoDateTime.optional(),
  lastModified: isoDateTime.optional(),
  location: z.string().optional(),
});

/** `attributes` / `excludedAttributes` may leave out everything but id and schemas. */
const scimResource = z.looseObject({
  schemas: z.array(z.string()),
  id: z.string(),
  externalId: z.string().optional(),
  meta: scimMeta.optional(),
});

export const scimUserView = scimResource.extend({
  userName: z.string().optional(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
});

export const scimGroupView = scimResource.extend({
  displayName: z.string().optional(),
  members: z.array(z.looseObject({ value: z.string(), display: z.string().optional() })).optional(),
});

/** A SCIM ListResponse (RFC 7644 §3.4.2). */
export const scimListView = <R extends z.ZodType>(resource: R) =>
  z.object({
    schemas: z.array(z.string()),
    totalResults: z.number().int(),
    startIndex: z.number().int(),
    itemsPerPage: z.number().int(),
    Resources: z.array(resource),
  });

/** One SCIM request as the "SCIM Sync Logs" page shows it. */
export const scimSyncLogEntryView = z.object({
  seq: z.number().int(),
  idpId: z.string(),
  at: isoDateTime,
  method: z.string(),
  path: z.string(),
  entityType: z.enum(['User', 'Group', 'Other']),
  /** userName or displayName, when known. */
  entityName: z.string().nullable(),
  /** The IdP's own id for the entity (SCIM externalId). */
  idpEntityId: z.string().nullable(),
  /** The cloud's id for the entity (SCIM id). */
  internalEntityId: z.string().nullable(),
  status: z.number().int(),
  durationMs: z.number(),
  userAgent: z.string().nullable(),
  scimType: z.string().nullable(),
  detail: z.string().nullable(),
  /** Request body with secrets removed, for the detail drawer. */
  request: z.unknown(),
});

export const scimSyncLogPage = z.object({
  total: z.number().int(),
  entries: z.array(scimSyncLogEntryView),
});
