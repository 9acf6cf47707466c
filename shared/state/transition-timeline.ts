/**
 * The client's lane of the timeline (Troubleshoot → What happened, Export Logs, the cloud's
 * GET /api/admin/timeline): one entry per change of what the user sees, derived from a machine
 * transition. Both the connector core and the renderer's dev mock run the machine, so both
 * derive their entries here.
 */
import type { TimelineEvent } from '../contract/cloud-api/cockpit.js';
import { authLabel, serviceLabel } from './status.js';
import type { ClientEvent, ClientState, Effect } from './types.js';

export type ClientTimelineEvent = TimelineEvent & { source: 'client' };

const serviceText = (s: ClientState['service']) => `Service Status: ${serviceLabel(s)}`;
const authText = (a: ClientState['auth']) => `Authentication Status: ${authLabel(a)}`;

/**
 * What one transition adds to the client's lane: null when nothing the user sees changed and no
 * error was reported. An error the machine reported (its `reportError` effect), or the service
 * going into error, marks the entry.
 */
export function transitionTimelineEvent(
  event: ClientEvent,
  before: ClientState,
  after: ClientState,
  effects: readonly Effect[],
  at: number,
): ClientTimelineEvent | null {
  const changes = [
    serviceText(after.service) !== serviceText(before.service) ? serviceText(after.service) : null,
    authText(after.auth) !== authText(before.auth) ? authText(after.auth) : null,
  ].filter((c): c is string => c !== null);
  const reported = effects.find(
    (e): e is Extract<Effect, { type: 'reportError' }> => e.type === 'reportError',
  );
  if (!changes.length && !reported) return null;
  const serviceCode = after.service.status === 'error' ? after.service.code : null;
  // The tunnel going into error is the moment the user sees it, reported or not.
  const serviceFailed =
    serviceCode !== null &&
    (before.service.status !== 'error' || before.service.code !== serviceCode);
  const text = changes.length ? changes.join('; ') : `Error reported (${event.type})`;
  return {
    at: new Date(at).toISOString(),
    source: 'client',
    code: reported?.code ?? serviceCode,
    // The event's name says what caused it, e.g. "sessionState" (a heartbeat's answer).
    text: `${text} (${event.type})`.slice(0, 500),
    error: reported !== undefined || serviceFailed,
  };
}
