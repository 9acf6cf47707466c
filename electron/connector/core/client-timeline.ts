import type { ClientTimelineEvent } from '../../../shared/state/transition-timeline.js';

/** Transitions kept for Export Logs and What happened: the newest, the oldest dropped first. */
export const MAX_TIMELINE_EVENTS = 1000;

/**
 * The client's own transitions as a bounded timeline. It also remembers which of them the cloud
 * has not been told about yet (the connector reports them to /api/connector/timeline).
 */
export class ClientTimeline {
  private readonly events: ClientTimelineEvent[] = [];
  /** How many of the newest events are not reported yet. */
  private unsent = 0;

  constructor(private readonly max = MAX_TIMELINE_EVENTS) {}

  add(event: ClientTimelineEvent): void {
    this.events.push(event);
    this.unsent += 1;
    if (this.events.length > this.max) this.events.splice(0, this.events.length - this.max);
    this.unsent = Math.min(this.unsent, this.events.length);
  }

  all(): readonly ClientTimelineEvent[] {
    return this.events;
  }

  /** The events not reported yet, at most `limit` of the oldest of them. */
  pending(limit: number): ClientTimelineEvent[] {
    const start = this.events.length - this.unsent;
    return this.events.slice(start, start + limit);
  }

  /** The cloud took the first `count` pending events. */
  markSent(count: number): void {
    this.unsent = Math.max(0, this.unsent - count);
  }
}
