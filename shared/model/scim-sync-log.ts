/** One SCIM request as the "SCIM Sync Logs" page shows it. */
export interface ScimSyncLogEntry {
  seq: number;
  idpId: string;
  at: string;
  method: string;
  path: string;
  entityType: 'User' | 'Group' | 'Other';
  /** userName or displayName, when known. */
  entityName: string | null;
  /** The IdP's own id for the entity (SCIM externalId). */
  idpEntityId: string | null;
  /** The cloud's id for the entity (SCIM id). */
  internalEntityId: string | null;
  status: number;
  durationMs: number;
  userAgent: string | null;
  scimType: string | null;
  detail: string | null;
  /** Request body with secrets removed, for the detail drawer. */
  request: unknown;
}

/** Response duration buckets of the SCIM Sync Logs filter. */
export const DURATION_BUCKETS = ['le200ms', 'le500ms', 'le1s', 'le3s', 'gt3s'] as const;
export type DurationBucket = (typeof DURATION_BUCKETS)[number];
