import type { LiveSession, PushMessage } from '../../../shared/model/broker.js';
import type { ClientLog } from './log.js';
import type { PushChannelHandlers } from './push-channel.js';
import { CODES } from '../../../shared/errors/codes.js';
import { PUSH_CLOSE_CODES } from '../../../shared/contract/cloud-api/push.js';
import type { ClientEvent } from '../../../shared/state/index.js';

/** The machine event for a sign-in (or a resumed session) the cloud confirmed. */
export function signedIn(session: LiveSession): ClientEvent {
  return {
    type: 'signInSucceeded',
    user: session.userName,
    idp: session.idpName,
    method: session.protocol,
    authTime: Date.parse(session.authTime),
    expiresAt: session.expiresAt ? Date.parse(session.expiresAt) : null,
    scimReady: session.scimReady,
    session,
  };
}

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
    case 'scimUsernameChanged':
      return { type: 'scimUsernameChanged', from: m.from, to: m.to };
    case 'sessionRevoked':
      return m.code === CODES.SESSION_SUPERSEDED ? null : { type: 'sessionRevoked', code: m.code };
    case 'reauthRequired':
      return { type: 'reauthRequired', reason: m.reason, apps: m.apps };
    case 'certificateRotated':
      return { type: 'certificateRotated' };
    case 'idpNameIdChanged':
      return { type: 'idpNameIdChanged' };
    case 'policyChanged':
      return { type: 'policyChanged', version: m.version };
    case 'connectionClosed':
      return { type: 'connectionClosed', connection: m.connection };
    case 'stats':
      return { type: 'connectionsUpdated', connections: m.connections };
  }
}

export interface ChannelDeps {
  dispatch(event: ClientEvent): void;
  log: ClientLog;
  /** The service edge's name for the Broker field. */
  broker: string;
  /** Follows the cloud's clock from a message's time; true when it jumped. */
  clock(at: string): boolean;
}

/**
 * What the core does with the push channel's news: a message becomes its machine event; a lost
 * channel becomes `channelLost` (the machine reconnects it with backoff); a refused or revoked one
 * ends the session; a fault is logged with its catalog code and shown, never swallowed.
 */
export function channelHandlers({
  dispatch,
  log,
  broker,
  clock,
}: ChannelDeps): PushChannelHandlers {
  return {
    onOpen: () => dispatch({ type: 'channelOpened' }),
    onMessage: (m) => {
      const moved = clock(m.at);
      const event = pushEvent(m, broker);
      // A clock that moved is news even when the message is not: heartbeatOk carries it.
      if (event) dispatch(event);
      else if (moved) dispatch({ type: 'heartbeatOk' });
    },
    onClose: (code) => {
      if (code === PUSH_CLOSE_CODES.superseded) return; // our own reauthentication
      if (code === PUSH_CLOSE_CODES.sessionInvalid || code === PUSH_CLOSE_CODES.revoked) {
        dispatch({ type: 'sessionRevoked', code: CODES.SESSION_INVALID });
      } else dispatch({ type: 'channelLost', code: CODES.CONNECTION_LOST });
    },
    onError: (error) => {
      const refused = /HTTP 401/.test(error.message);
      dispatch(
        refused
          ? { type: 'sessionRevoked', code: CODES.SESSION_INVALID }
          : { type: 'channelLost', code: CODES.NETWORK_CONNECTION_FAILED },
      );
    },
    onFault: (error) => {
      log.error(`${CODES.INTERNAL}: push message not handled`, { error: error.stack });
      dispatch({ type: 'fault', code: CODES.INTERNAL, detail: error.message });
    },
  };
}
