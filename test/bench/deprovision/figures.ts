/**
 * The deprovision benchmark's statistics. The cloud pushes `scimUserDisabled` to the connector
 * while it answers the PATCH, so the event usually reaches the connector before the SCIM response
 * reaches the IdP: the time from the response is then negative, and is reported as it is (never
 * clamped to 0). The figure is the time from the SCIM request, the latency a deprovisioned user
 * actually has: the IdP sends the deactivation, the connector learns of it.
 */
import type { Figure } from '../results.js';
import { Latencies, type LatencySummary } from '../scim/stats.js';

/** One deactivation's moments (performance.now(), ms). */
export interface DeprovisionSample {
  /** The PATCH was sent. */
  sent: number;
  /** Its response was read. */
  answered: number;
  /** The connector received `scimUserDisabled`. */
  seen: number;
}

export interface DeprovisionSummary {
  fromRequest: LatencySummary;
  /** Negative where the event arrived before the SCIM response. */
  fromResponse: LatencySummary;
  beforeResponse: number;
}

export function summarise(samples: readonly DeprovisionSample[]): DeprovisionSummary {
  const fromRequest = new Latencies(samples.length);
  const fromResponse = new Latencies(samples.length);
  let beforeResponse = 0;
  for (const s of samples) {
    fromRequest.add(s.seen - s.sent);
    fromResponse.add(s.seen - s.answered);
    if (s.seen < s.answered) beforeResponse++;
  }
  return {
    fromRequest: fromRequest.summary(),
    fromResponse: fromResponse.summary(),
    beforeResponse,
  };
}

export const DEPROVISION_GOAL_MS = 100;

/** The README table's figure: p99 from the SCIM request, to 0.01 ms. */
export function deprovisionFigure(summary: DeprovisionSummary, connectors: number): Figure {
  const { fromRequest, beforeResponse } = summary;
  return {
    measure: `SCIM deactivation → connector sees it (p99 from the SCIM request, ${connectors} connectors)`,
    value: Math.round(fromRequest.p99 * 100) / 100,
    unit: 'ms',
    goal: `< ${DEPROVISION_GOAL_MS} ms`,
    note: `before the SCIM response in ${beforeResponse} of ${fromRequest.count}`,
  };
}
