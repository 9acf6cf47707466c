/** Where the timeline picture puts things: lanes, positions on the time axis, the error's moment. */
import type { TimelineEvent } from '../../../shared/contract/cloud-api/cockpit';
import { TIMELINE_SOURCES, type TimelineSource } from '../../../shared/model/timeline';

/** The swimlanes' names, top to bottom in TIMELINE_SOURCES order (cause above effect). */
export const LANE_LABELS: Record<TimelineSource, string> = {
  idp: 'IdP',
  scim: 'SCIM',
  config: 'Config',
  policy: 'Policy',
  broker: 'Broker',
  client: 'Client',
};

export interface PlacedEvent extends TimelineEvent {
  /** 0–100: the event's place on the axis, in percent of its width. */
  x: number;
  key: string;
}

export interface TimelineLayout {
  start: number;
  end: number;
  lanes: { source: TimelineSource; label: string; events: PlacedEvent[] }[];
  /**
   * The error the user saw: the client's last error with a code; else the last error with a
   * code, else the last error; null without one.
   */
  errorMoment: PlacedEvent | null;
  ticks: { x: number; at: number }[];
}

/** Lanes with at least one event, every event placed on one linear time axis. */
export function layoutTimeline(events: readonly TimelineEvent[], tickCount = 3): TimelineLayout {
  const times = events.map((e) => Date.parse(e.at));
  const first = times.length ? Math.min(...times) : 0;
  const last = times.length ? Math.max(...times) : 0;
  // A single instant still needs an axis: a minute around it.
  const start = last > first ? first : first - 30_000;
  const end = last > first ? last : last + 30_000;
  const x = (at: number) => ((at - start) / (end - start)) * 100;
  const placed = events.map((e, i) => ({ ...e, x: x(times[i]!), key: `${i}-${e.at}` }));
  const lanes = TIMELINE_SOURCES.map((source) => ({
    source,
    label: LANE_LABELS[source],
    events: placed.filter((e) => e.source === source),
  })).filter((l) => l.events.length > 0);
  const errors = placed.filter((e) => e.error);
  const errorMoment =
    errors.filter((e) => e.code && e.source === 'client').at(-1) ??
    errors.filter((e) => e.code).at(-1) ??
    errors.at(-1) ??
    null;
  const ticks = Array.from({ length: tickCount }, (_, i) => {
    const at = start + ((end - start) * i) / Math.max(1, tickCount - 1);
    return { x: x(at), at };
  });
  return { start, end, lanes, errorMoment, ticks };
}

/** "09:42:27" for an axis within a day, "7 Dec 09:42" beyond. */
export function formatMoment(at: number | string, spanMs = 0): string {
  const d = new Date(at);
  const time = d.toLocaleTimeString('en-GB', { hour12: false });
  if (spanMs < 24 * 3600_000) return time;
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time.slice(0, 5)}`;
}
