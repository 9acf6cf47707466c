/** The SCIM Sync Logs: an entry's shape is the admin API's (shared/contract/cloud-api/scim-views.ts). */
import type { z } from 'zod';
import type { scimSyncLogEntryView } from '../contract/cloud-api/scim-views.js';

/** One SCIM request as the "SCIM Sync Logs" page shows it. */
export type ScimSyncLogEntry = z.output<typeof scimSyncLogEntryView>;

/** Response duration buckets of the SCIM Sync Logs filter. */
export const DURATION_BUCKETS = ['le200ms', 'le500ms', 'le1s', 'le3s', 'gt3s'] as const;
export type DurationBucket = (typeof DURATION_BUCKETS)[number];
