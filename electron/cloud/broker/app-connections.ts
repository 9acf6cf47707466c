import { randomUUID } from 'node:crypto';
import { CODES } from '../../../shared/errors/codes.js';
import { isoTime, type Clock } from '../clock/clock.js';
import { ConnectionLog } from './connection-log.js';
import type { AppConnectionView } from './types.js';

const ACTIVE_WINDOW_MS = 60_000;

interface AppConnection {
  id: string;
  ownerKey: string;
  app: string;
  port: number;
  openedAt: number;
  lastActivityAt: number;
  idleTimeoutMs: number | null;
  bytesSent: number;
  bytesReceived: number;
  latencyMs: number;
}

/**
 * Open app connections (the simulated tunnelled traffic). They belong to the device and user,
 * not to one session token, so a reauthentication keeps them up, as in the real client.
 */
export class AppConnections {
  private readonly byId = new Map<string, AppConnection>();
  /** The same connections by owner: a session's list is read every second while it has any. */
  private readonly byOwner = new Map<string, Set<AppConnection>>();
  /** Every setup (opened or failed) and close, per user and device. */
  readonly log: ConnectionLog;

  constructor(private readonly clock: Clock) {
    this.log = new ConnectionLog(clock);
  }

  /** A connection setup the service edge refused (the policy's code): logged for that app only. */
  setupFailed(ownerKey: string, app: string, port: number, code: string): void {
    this.log.record(ownerKey, { app, port, event: 'setup_failed', code, connectionId: null });
  }

  open(
    ownerKey: string,
    app: string,
    port: number,
    idleTimeoutMs: number | null,
  ): AppConnectionView {
    const now = this.clock.now();
    const c: AppConnection = {
      id: randomUUID(),
      ownerKey,
      app,
      port,
      openedAt: now,
      lastActivityAt: now,
      idleTimeoutMs,
      bytesSent: 0,
      bytesReceived: 0,
      // A plausible, stable round trip per app: 8–40 ms.
      latencyMs: 8 + (hash(app) % 33),
    };
    this.byId.set(c.id, c);
    const owned = this.byOwner.get(ownerKey) ?? new Set<AppConnection>();
    this.byOwner.set(ownerKey, owned.add(c));
    this.log.record(ownerKey, {
      app,
      port,
      event: 'opened',
      code: CODES.OPEN_OR_ACTIVE_CONNECTION,
      connectionId: c.id,
    });
    return this.view(c, 'open');
  }

  /** The user works in the app again: traffic flows for a while. */
  use(id: string): AppConnectionView | undefined {
    const c = this.byId.get(id);
    if (!c) return undefined;
    c.lastActivityAt = this.clock.now();
    return this.view(c, 'open');
  }

  /**
   * Simulated traffic: for a minute after the user last used the app, requests go out and
   * larger responses come back; after that the connection sits idle until its idle timeout.
   * Returns the owners whose figures moved (only their stats are worth sending).
   */
  trafficTick(): Set<string> {
    const now = this.clock.now();
    const moved = new Set<string>();
    for (const c of this.byId.values()) {
      if (now - c.lastActivityAt > ACTIVE_WINDOW_MS) continue;
      const sent = 200 + Math.floor(Math.random() * 1800);
      c.bytesSent += sent;
      c.bytesReceived += sent * (3 + Math.floor(Math.random() * 8));
      moved.add(c.ownerKey);
    }
    return moved;
  }

  list(ownerKey: string): AppConnectionView[] {
    return [...(this.byOwner.get(ownerKey) ?? [])].map((c) => this.view(c, 'open'));
  }

  ownerOf(id: string): string | undefined {
    return this.byId.get(id)?.ownerKey;
  }

  close(id: string, code: string): AppConnectionView | undefined {
    const c = this.byId.get(id);
    if (!c) return undefined;
    this.byId.delete(id);
    const owned = this.byOwner.get(c.ownerKey);
    owned?.delete(c);
    if (owned?.size === 0) this.byOwner.delete(c.ownerKey);
    this.log.record(c.ownerKey, {
      app: c.app,
      port: c.port,
      event: 'closed',
      code,
      connectionId: c.id,
    });
    return { ...this.view(c, 'closed'), closedCode: code };
  }

  closeAllOf(ownerKey: string, code: string): AppConnectionView[] {
    return [...(this.byOwner.get(ownerKey) ?? [])].map((c) => this.close(c.id, code)!);
  }

  /** Connections idle past their timeout (on the simulated clock), closed and returned. */
  closeIdle(code: string): { ownerKey: string; connection: AppConnectionView }[] {
    const now = this.clock.now();
    const closed: { ownerKey: string; connection: AppConnectionView }[] = [];
    for (const c of [...this.byId.values()]) {
      if (c.idleTimeoutMs !== null && now - c.lastActivityAt > c.idleTimeoutMs) {
        closed.push({ ownerKey: c.ownerKey, connection: this.close(c.id, code)! });
      }
    }
    return closed;
  }

  private view(c: AppConnection, state: 'open' | 'closed'): AppConnectionView {
    return {
      id: c.id,
      app: c.app,
      port: c.port,
      openedAt: isoTime(c.openedAt),
      lastActivityAt: isoTime(c.lastActivityAt),
      bytesSent: c.bytesSent,
      bytesReceived: c.bytesReceived,
      latencyMs: c.latencyMs,
      state,
    };
  }
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}
