import { createHash } from 'node:crypto';
import type { PeerChannel, PeerTopic } from '../types.js';
import type { PgDb } from './pg-db.js';
import type { BridgeNotice } from './sync-bridge.js';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7999;

/** The channel of the instances on one schema: an identifier, whatever the schema's name. */
export const peerChannelOf = (schema: string): string =>
  `ccs_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;

/**
 * The instances on one PostgreSQL database (one schema) tell each other through LISTEN/NOTIFY:
 * a publish is a NOTIFY on the store's own connection (so it is part of the transaction it is
 * sent in), and the bridge's worker LISTENs on a second connection and posts each notification
 * of another instance here. The channel is named after the schema, so tenants or tests that
 * share a database but not a schema do not hear each other; the tenants of a workshop, which
 * share one bridge (PostgresConnection, postgres-store.ts), share its listening connection too,
 * one channel each.
 */
export class PgPeers implements PeerChannel {
  private readonly listeners = new Map<PeerTopic, Set<(message: string) => void>>();
  private readonly resyncListeners = new Set<() => void>();
  private listening = false;

  private constructor(
    private readonly db: PgDb,
    private readonly channel: string,
  ) {}

  /** Starts listening; returns once the LISTEN is in place. */
  static open(db: PgDb): PgPeers {
    const schema = db.prepare<[], { s: string }>('SELECT current_schema() AS s').get()!.s;
    const channel = peerChannelOf(schema);
    const peers = new PgPeers(db, channel);
    db.bridge.listen(channel, (n) => peers.receive(n));
    peers.listening = true;
    return peers;
  }

  /** Stops listening (the bridge's listening connection may serve other schemas still). */
  close(): void {
    this.listening = false;
    this.db.bridge.unlisten(this.channel);
  }

  get inSync(): boolean {
    return this.listening;
  }

  publish(topic: PeerTopic, message: string): void {
    const payload = `${topic} ${message}`;
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      throw new RangeError(`A ${topic} message to the other instances is over 8000 bytes.`);
    }
    this.db.notify(this.channel, payload);
  }

  on(topic: PeerTopic, listener: (message: string) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  private receive(notice: BridgeNotice): void {
    if ('state' in notice) {
      this.listening = notice.state === 'up';
      // Back (or first up): what was kept while deaf may be stale.
      if (this.listening) this.each(this.resyncListeners, (fn) => fn());
      return;
    }
    const space = notice.payload.indexOf(' ');
    const topic = notice.payload.slice(0, space) as PeerTopic;
    const message = notice.payload.slice(space + 1);
    this.each(this.listeners.get(topic) ?? [], (fn) => fn(message));
  }

  /** One listener's failure is its own: the others still hear the message. */
  private each<T>(fns: Iterable<T>, call: (fn: T) => void): void {
    for (const fn of fns) {
      try {
        call(fn);
      } catch (e) {
        console.error('A message from another cloud instance failed:', e);
      }
    }
  }
}
