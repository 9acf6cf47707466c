import type { TimelineEvent } from '../../../shared/contract/cloud-api/cockpit.js';

/** One event as a collector finds it (time in ms on the simulated clock). */
export type TimelineItem = Omit<TimelineEvent, 'at'> & { at: number };

/** Whose timeline, over which window, and the IdPs that concern that user. */
export interface TimelineQuery {
  userName: string;
  idpIds: readonly string[];
  since: number;
  until: number;
}

/** The most events one source contributes to a timeline (the newest are kept). */
export const MAX_EVENTS_PER_SOURCE = 1000;

export const inWindow = (q: TimelineQuery, at: number) => at >= q.since && at <= q.until;

export const sameUser = (a: string | null | undefined, b: string) =>
  typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
