import type {
  BridgeFrame,
  BridgeRequest,
  CallInput,
  CallOutputs,
  CallResult,
  ConnectorApi,
  ConnectorCall,
  ConnectorEventName,
  EventPayloads,
} from '../../shared/contract/connector-contract';
import { nextBackoff, type BackoffConfig, type RandomSource } from '../../shared/state/backoff';
import { CONNECTOR_EVENTS, isConnectorCall } from '../../shared/contract/connector-names';
import { BRIDGE_FAILURE_CODE, failure, toEnvelope } from './envelope';
import type { LinkInfo, LinkSource } from './link';
import { CODES } from '../../shared/errors/codes';

/** The part of the browser's WebSocket the bridge uses (so tests can pass a fake). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export interface WebSocketConnectorOptions {
  factory?: WebSocketFactory;
  /** Reconnect backoff: quick at first, at most every 10 s (a local link). */
  backoff?: BackoffConfig;
  random?: RandomSource;
  /** A call that gets no answer within this time fails with INTERNAL. */
  callTimeoutMs?: number;
  now?: () => number;
}

export const BRIDGE_BACKOFF: BackoffConfig = { baseMs: 500, maxMs: 10_000 };
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
const OPEN = 1;

interface Pending {
  request: BridgeRequest;
  sent: boolean;
  resolve: (result: CallResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

type Listener = (payload: unknown) => void;

/**
 * `window.connector` over the web shell's WebSocket (`/bridge`): JSON BridgeRequest frames out,
 * BridgeFrame answers and events in. Calls made while the link is down wait for it (up to the
 * call timeout); calls in flight when it drops fail with INTERNAL (a call is never sent twice).
 * The link reconnects by itself with jittered exponential backoff.
 */
export class WebSocketConnector implements ConnectorApi, LinkSource {
  private socket: WebSocketLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<ConnectorEventName, Set<Listener>>();
  private readonly linkListeners = new Set<(link: LinkInfo) => void>();
  private link: LinkInfo = { state: 'connecting', attempt: 0, retryAt: null };
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly factory: WebSocketFactory;
  private readonly backoff: BackoffConfig;
  private readonly random: RandomSource;
  private readonly callTimeoutMs: number;
  private readonly now: () => number;

  constructor(
    readonly url: string,
    options: WebSocketConnectorOptions = {},
  ) {
    this.factory = options.factory ?? ((u) => new WebSocket(u) as unknown as WebSocketLike);
    this.backoff = options.backoff ?? BRIDGE_BACKOFF;
    this.random = options.random ?? Math.random;
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    this.connect();
  }

  call<C extends ConnectorCall>(
    call: C,
    input?: CallInput<C>,
  ): Promise<CallResult<CallOutputs[C]>> {
    if (!isConnectorCall(call)) {
      return Promise.resolve(failure(CODES.INVALID_REQUEST, `Unknown call "${String(call)}".`));
    }
    if (this.closed) {
      return Promise.resolve(
        failure(BRIDGE_FAILURE_CODE, 'The bridge to the connector is closed.'),
      );
    }
    return new Promise((resolve) => {
      const id = this.nextId++;
      const request: BridgeRequest = input === undefined ? { id, call } : { id, call, input };
      const timer = setTimeout(
        () =>
          this.settle(
            id,
            failure(
              BRIDGE_FAILURE_CODE,
              `The Client Connector service did not answer ${call} within ${Math.round(this.callTimeoutMs / 1000)} s.`,
            ),
          ),
        this.callTimeoutMs,
      );
      this.pending.set(id, {
        request,
        sent: false,
        resolve: resolve as (r: CallResult<unknown>) => void,
        timer,
      });
      this.flush();
    });
  }

  on<E extends ConnectorEventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as Listener;
    set.add(l);
    return () => set.delete(l);
  }

  getLink(): LinkInfo {
    return this.link;
  }

  onLink(listener: (link: LinkInfo) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  /** Closes the link for good: pending calls fail, no reconnect. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = socket.onmessage = socket.onerror = socket.onopen = null;
      socket.close(1000, 'closed');
    }
    for (const id of [...this.pending.keys()]) {
      this.settle(id, failure(BRIDGE_FAILURE_CODE, 'The bridge to the connector was closed.'));
    }
    this.setLink({ state: 'closed', attempt: this.link.attempt, retryAt: null });
  }

  // --- internals -------------------------------------------------------------------------------

  private connect() {
    this.reconnectTimer = null;
    let socket: WebSocketLike;
    try {
      socket = this.factory(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.setLink({ state: 'open', attempt: 0, retryAt: null });
      this.flush();
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.receive(ev.data);
    };
    socket.onerror = () => undefined; // a close follows
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.dropInFlight();
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect() {
    if (this.closed) return;
    const attempt = this.link.attempt + 1;
    const delay = nextBackoff(attempt, this.random, this.backoff);
    this.setLink({ state: 'reconnecting', attempt, retryAt: this.now() + delay });
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  /** Calls already sent get no answer on a new socket: fail them rather than resend them. */
  private dropInFlight() {
    for (const [id, p] of [...this.pending]) {
      if (!p.sent) continue;
      this.settle(
        id,
        failure(
          BRIDGE_FAILURE_CODE,
          `The connection to the Client Connector service closed before it answered ${p.request.call}.`,
        ),
      );
    }
  }

  private flush() {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    for (const p of this.pending.values()) {
      if (p.sent) continue;
      try {
        socket.send(JSON.stringify(p.request));
        p.sent = true;
      } catch {
        return; // the close handler reconnects and flushes again
      }
    }
  }

  private receive(data: unknown) {
    let frame: BridgeFrame;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : String(data)) as BridgeFrame;
    } catch {
      console.warn('bridge: ignored a frame that is not JSON');
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('id' in frame && typeof frame.id === 'number') {
      this.settle(frame.id, toEnvelope(frame.result));
      return;
    }
    if ('event' in frame && (CONNECTOR_EVENTS as readonly string[]).includes(frame.event)) {
      for (const listener of [...(this.listeners.get(frame.event) ?? [])]) {
        try {
          listener(frame.payload);
        } catch (e) {
          console.error(`bridge: ${frame.event} listener failed`, e);
        }
      }
    }
  }

  private settle(id: number, result: CallResult<unknown>) {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(result);
  }

  private setLink(link: LinkInfo) {
    this.link = link;
    for (const listener of [...this.linkListeners]) listener(link);
  }
}
