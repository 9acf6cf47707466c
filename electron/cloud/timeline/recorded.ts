import type { Store } from '../store/types.js';
import { MAX_EVENTS_PER_SOURCE, type TimelineItem, type TimelineQuery } from './types.js';

/**
 * What the recorder kept (recorder.ts): refused sign-ins, policy decisions, pushes sent, policy
 * and certificate changes, and the transitions the user's connectors reported.
 */
export function recordedEvents(store: Store, q: TimelineQuery): TimelineItem[] {
  return store.timeline
    .forUser({ ...q, limit: MAX_EVENTS_PER_SOURCE * 4 })
    .map(({ at, source, code, text, error }) => ({ at, source, code, text, error }));
}
