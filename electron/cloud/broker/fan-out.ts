import { MAX_PEER_MESSAGE_BYTES, type PeerChannel, type StoredSession } from '../store/types.js';
import type { AppConnections } from './app-connections.js';
import type { PushHub } from './push-hub.js';
import type { PushEvent, SnapshotEvent } from './types.js';

/**
 * What the broker of one instance asks the instance a connector is attached to: ids and kinds
 * only (a snapshot is built where it is sent), so every order fits in a NOTIFY.
 */
type Order =
  | { do: 'send'; session: string; event: PushEvent }
  | { do: 'snapshot'; session: string }
  | { do: 'end'; session: string; owner: string; code: string; event: PushEvent }
  | { do: 'disconnect'; session: string; code: number; reason: string }
  | { do: 'everyone'; event: PushEvent };

export interface FanOutParts {
  hub: PushHub;
  connections: AppConnections;
  peers: PeerChannel;
  session(id: string): StoredSession | undefined;
  snapshot(s: StoredSession): SnapshotEvent;
  ownerKey(s: StoredSession): string;
}

/**
 * The broker's messages to connectors, wherever they are attached. Behind a load balancer a
 * connector's push channel (and the app connections it opened) live on one cloud instance, while
 * the SCIM request, admin action or sign-in that concerns it may reach another: what this
 * instance cannot deliver itself goes to the others through the store's peer channel
 * (PostgreSQL's NOTIFY), and the one holding the channel delivers it. With SQLite there are no
 * others, and everything happens here as before.
 */
export class FanOut {
  constructor(private readonly p: FanOutParts) {
    p.peers.on('broker', (text) => this.carryOut(JSON.parse(text) as Order));
  }

  send(sessionId: string, event: PushEvent): void {
    if (this.p.hub.has(sessionId)) this.p.hub.send(sessionId, event);
    else this.tell({ do: 'send', session: sessionId, event });
  }

  /** A fresh snapshot of the session, built by the instance that sends it. */
  snapshot(s: StoredSession): void {
    if (this.p.hub.has(s.id)) this.p.hub.send(s.id, this.p.snapshot(s));
    else this.tell({ do: 'snapshot', session: s.id });
  }

  /** Closes the user's app connections with `code`, then tells the connector `event` and which closed. */
  end(s: StoredSession, code: string, event: PushEvent): void {
    const owner = this.p.ownerKey(s);
    this.endHere(s.id, owner, code, event);
    if (!this.p.hub.has(s.id)) this.tell({ do: 'end', session: s.id, owner, code, event });
  }

  disconnect(sessionId: string, code: number, reason: string): void {
    if (this.p.hub.has(sessionId)) this.p.hub.disconnect(sessionId, code, reason);
    else this.tell({ do: 'disconnect', session: sessionId, code, reason });
  }

  /** To every connector, on every instance. */
  everyone(event: PushEvent): void {
    for (const id of this.p.hub.connectedSessions()) this.p.hub.send(id, event);
    this.tell({ do: 'everyone', event });
  }

  private endHere(sessionId: string, owner: string, code: string, event: PushEvent) {
    const closed = this.p.connections.closeAllOf(owner, code);
    if (!this.p.hub.has(sessionId)) return;
    this.p.hub.send(sessionId, event);
    for (const c of closed) this.p.hub.send(sessionId, { type: 'connectionClosed', connection: c });
  }

  private tell(order: Order): void {
    let text = JSON.stringify(order);
    if (Buffer.byteLength(text) > MAX_PEER_MESSAGE_BYTES) {
      // Too long for the channel (no broker event is, today): the session's state says it.
      if (!('session' in order)) throw new RangeError(`Push event too long: ${text.length}`);
      text = JSON.stringify({ do: 'snapshot', session: order.session } satisfies Order);
    }
    this.p.peers.publish('broker', text);
  }

  /** Another instance's order: done here only for what is attached here. */
  private carryOut(order: Order): void {
    const { hub } = this.p;
    if (order.do === 'everyone') {
      for (const id of hub.connectedSessions()) hub.send(id, order.event);
      return;
    }
    // App connections live where the connector opened them, wherever its channel is now.
    if (order.do === 'end')
      return this.endHere(order.session, order.owner, order.code, order.event);
    if (!hub.has(order.session)) return;
    if (order.do === 'send') hub.send(order.session, order.event);
    else if (order.do === 'disconnect') hub.disconnect(order.session, order.code, order.reason);
    else {
      const s = this.p.session(order.session);
      if (s) hub.send(s.id, this.p.snapshot(s));
    }
  }
}
