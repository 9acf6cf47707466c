import type { PushMessage } from '../../../shared/model/broker.js';
import { CODES } from '../../../shared/errors/codes.js';
import type { ClientEvent } from '../../../shared/state/index.js';

/**
 * The machine event for one push message: one push, one event, one transition. Null for a
 * message that is not news to the machine (our own newer sign-in superseded that session).
 */
export function pushEvent(m: PushMessage, broker: string): ClientEvent | null {
  switch (m.type) {
    case 'snapshot':
      return {
        type: 'sessionState',
        broker,
        session: m.session,
        connections: m.connections,
        policyVersion: m.policyVersion,
      };
    case 'scimUserDisabled':
      return { type: 'scimUserDisabled' };
    case 'scimUserEnabled':
      return { type: 'scimUserEnabled' };
    case 'scimUsernameChanged':
      return { type: 'scimUsernameChanged', from: m.from, to: m.to };
    case 'sessionRevoked':
      return m.code === CODES.SESSION_SUPERSEDED ? null : { type: 'sessionRevoked', code: m.code };
    case 'reauthRequired':
      return { type: 'reauthRequired', reason: m.reason, apps: m.apps };
    case 'certificateRotated':
      return { type: 'certificateRotated' };
    case 'policyChanged':
      return { type: 'policyChanged', version: m.version };
    case 'connectionClosed':
      return { type: 'connectionClosed', connection: m.connection };
    case 'stats':
      return { type: 'connectionsUpdated', connections: m.connections };
  }
}
