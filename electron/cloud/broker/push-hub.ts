import type { WebSocket } from 'ws';
import { PUSH_CLOSE_CODES } from '../../../shared/contract/cloud-api/push.js';
import { isoTime, type Clock } from '../clock/clock.js';
import type { PushEvent, PushMessage } from './types.js';

/** How often the cloud pings each push channel (connectors give up on it after 45 s of silence). */
const PING_MS = 15_000;

/**
 * The push channel's fan-out: which sockets belong to which connector session. Messages are
 * numbered per session so a client can tell it missed none; after a reconnect it gets a fresh
 * snapshot first, so nothing that happened while it was away is lost.
 */
export class PushHub {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly seqs = new Map<string, number>();
  private readonly pinger: NodeJS.Timeout;
  /** Who wants to know what was sent (the timeline records pushes). */
  private readonly sentListeners = new Set<(sessionId: string, message: PushMessage) => void>();
  /** Who wants to know when a session comes onto this hub or leaves it (presence.ts). */
  private readonly presenceListeners = new Set<(sessionId: string, here: boolean) => void>();

  constructor(
    private readonly clock: Clock,
    pingMs = PING_MS,
  ) {
    // Connectors end a channel that stays silent (half-open TCP) and reconnect: keep ours talking.
    this.pinger = setInterval(() => this.pingAll(), pingMs);
    this.pinger.unref();
  }

  attach(sessionId: string, socket: WebSocket, snapshot: () => PushEvent): void {
    const set = this.sockets.get(sessionId) ?? new Set<WebSocket>();
    const arrived = set.size === 0;
    set.add(socket);
    this.sockets.set(sessionId, set);
    socket.on('close', () => {
      set.delete(socket);
      if (set.size > 0 || this.sockets.get(sessionId) !== set) return;
      this.sockets.delete(sessionId);
      for (const listener of this.presenceListeners) listener(sessionId, false);
    });
    if (arrived) for (const listener of this.presenceListeners) listener(sessionId, true);
    this.write(socket, this.message(sessionId, snapshot()));
  }

  send(sessionId: string, event: PushEvent): void {
    const set = this.sockets.get(sessionId);
    const message = this.message(sessionId, event);
    if (!set) return;
    const text = JSON.stringify(message);
    for (const socket of set) this.write(socket, text);
    for (const listener of this.sentListeners) listener(sessionId, message);
  }

  /** Calls `listener` after each message sent to a connected session; returns the unsubscribe. */
  onSent(listener: (sessionId: string, message: PushMessage) => void): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }

  /** Calls `listener` when a session's first socket attaches here and when its last one closes. */
  onPresence(listener: (sessionId: string, here: boolean) => void): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  /** Closes the session's sockets (after a final message), e.g. when it is revoked. */
  disconnect(
    sessionId: string,
    code: number = PUSH_CLOSE_CODES.sessionInvalid,
    reason = 'session ended',
  ): void {
    for (const socket of this.sockets.get(sessionId) ?? []) socket.close(code, reason);
  }

  /**
   * Ends the session's sockets without a close frame, as a network failure does (the admin's
   * "drop push channel", for demos and tests of the connector's reconnect). Returns how many.
   */
  drop(sessionId: string): number {
    const set = this.sockets.get(sessionId);
    for (const socket of set ?? []) socket.terminate();
    return set?.size ?? 0;
  }

  /** Whether the session's connector is on this instance's push channel. */
  has(sessionId: string): boolean {
    return this.sockets.has(sessionId);
  }

  connectedSessions(): string[] {
    return [...this.sockets.keys()];
  }

  closeAll(): void {
    clearInterval(this.pinger);
    for (const set of this.sockets.values()) for (const s of set) s.terminate();
    this.sockets.clear();
  }

  private pingAll() {
    for (const set of this.sockets.values()) {
      for (const socket of set) if (socket.readyState === socket.OPEN) socket.ping();
    }
  }

  private message(sessionId: string, event: PushEvent): PushMessage {
    const seq = (this.seqs.get(sessionId) ?? 0) + 1;
    this.seqs.set(sessionId, seq);
    return { ...event, seq, at: isoTime(this.clock.now()) };
  }

  private write(socket: WebSocket, message: PushMessage | string) {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }
}
