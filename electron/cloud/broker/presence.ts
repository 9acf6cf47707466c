import { randomUUID } from 'node:crypto';
import type { PresenceStore } from '../store/instance-state-types.js';
import { NO_PEERS } from '../store/no-peers.js';
import type { Store } from '../store/types.js';
import type { PushHub } from './push-hub.js';

/** How long a presence row counts without its instance's heartbeat (wall-clock ms). */
export const PRESENCE_TTL_MS = 45_000;
/** How often an instance renews its rows: a few heartbeats fit in one TTL. */
const HEARTBEAT_MS = 10_000;

/**
 * Which connectors are on a push channel, whichever cloud instance holds it. Behind a load
 * balancer the admin's session list may be served by another instance than the one a connector
 * is attached to, so each instance writes its attaches and detaches to the store
 * (store.presence) and reads everyone's there. A killed instance cannot say its connectors left:
 * its rows lapse PRESENCE_TTL_MS after its last heartbeat.
 */
export class Presence {
  private readonly instance = randomUUID();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private stopped = false;

  constructor(
    private readonly store: PresenceStore,
    hub: PushHub,
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe = hub.onPresence((sessionId, here) => {
      if (this.stopped) return;
      // Called from a socket's events: a database error must not take the process down.
      this.safely(() => {
        if (here) store.attached(sessionId, this.instance, this.now() + PRESENCE_TTL_MS);
        else store.detached(sessionId, this.instance);
      });
    });
    this.heartbeat = setInterval(() => this.renew(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** The sessions whose connector is on some instance's push channel now. */
  connectedSessions(): Set<string> {
    return new Set(this.store.connected(this.now()));
  }

  /** This instance stops: its connectors are no longer on any channel. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.unsubscribe();
    this.store.clear(this.instance);
  }

  private renew() {
    // A database briefly away: the next heartbeat tries again, well within the TTL.
    this.safely(() => {
      const now = this.now();
      this.store.renew(this.instance, now, now + PRESENCE_TTL_MS);
    });
  }

  private safely(fn: () => void) {
    try {
      fn();
    } catch (e) {
      console.error('Push presence not recorded:', e);
    }
  }
}

/** What the broker asks of presence. */
export type SessionPresence = Pick<Presence, 'connectedSessions' | 'stop'>;

/**
 * Presence for `store`: on a database no other instance shares (SQLite) the hub alone knows, so
 * an attach or detach writes nothing (a connector's attach stays off the database); else the
 * shared table.
 */
export function presenceFor(store: Store, hub: PushHub): SessionPresence {
  if (store.peers !== NO_PEERS) return new Presence(store.presence, hub);
  return { connectedSessions: () => new Set(hub.connectedSessions()), stop: () => undefined };
}
