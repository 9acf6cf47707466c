import { authLabel, channelLabel, serviceLabel } from '../../../shared/state/status.js';
import { describeError } from '../../../shared/errors/catalog.js';
import type { ClientEvent, ClientState, Effect } from '../../../shared/state/index.js';
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

const channelLine = (c: ClientState['channel']) => (c ? (channelLabel(c) ?? c.status) : 'closed');

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
  if (event.type === 'signInSucceeded') {
    log.info(`signed in as ${event.user} (${event.idp}, ${event.method.toUpperCase()})`);
  }
  if (changes.length) log.info(`${event.type} → ${changes.join(', ')}`);
  else if (!QUIET.has(event.type)) log.debug(`event ${event.type}`);
}

/** An error the machine reported: its code and catalog title, once. */
export function logError(log: ClientLog, effect: Extract<Effect, { type: 'reportError' }>): void {
  log.error(`${effect.code}: ${describeError(effect.code, effect.reason).title}`, effect);
}
