import { authLabel, channelLabel, serviceLabel } from '../../../shared/state/status.js';
import type { ClientEvent, ClientState } from '../../../shared/state/index.js';
import type { ClientLog } from './log.js';

/** Events that come every second or so: never logged one by one. */
const QUIET: ReadonlySet<ClientEvent['type']> = new Set([
  'statsUpdated',
  'connectionsUpdated',
  'heartbeatOk',
  'sessionState',
]);

const serviceLine = (s: ClientState['service']) =>
  s.status === 'error' ? `${serviceLabel(s)} (${s.code})` : serviceLabel(s);

const channelLine = (c: ClientState['channel']) =>
  c ? (channelLabel(c) ?? c.status) : 'closed';

/**
 * One log line per change the user can see (Service Status, Authentication Status, the push
 * channel), and the event that caused it; traffic figures and unchanged snapshots say nothing.
 */
export function logTransition(
  log: ClientLog,
  event: ClientEvent,
  before: ClientState,
  after: ClientState,
): void {
  const service = serviceLine(after.service);
  const auth = authLabel(after.auth);
  const channel = channelLine(after.channel);
  const changes = [
    service !== serviceLine(before.service) ? `service: ${service}` : null,
    auth !== authLabel(before.auth) ? `authentication: ${auth}` : null,
    channel !== channelLine(before.channel) ? `push channel: ${channel}` : null,
  ].filter((c): c is string => c !== null);
  if (changes.length) log.info(`${event.type} → ${changes.join(', ')}`);
  else if (!QUIET.has(event.type)) log.debug(`event ${event.type}`);
}
