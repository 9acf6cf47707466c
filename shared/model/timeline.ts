/**
 * The timeline of what explains a user's access: its lanes, one per source of events, top to
 * bottom (cause above effect). Plain data, no zod: the window draws the lanes without the
 * cloud API's schemas (shared/contract/cloud-api/cockpit.ts builds `timelineEvent` from it).
 */
export const TIMELINE_SOURCES = ['idp', 'scim', 'config', 'policy', 'broker', 'client'] as const;

export type TimelineSource = (typeof TIMELINE_SOURCES)[number];
