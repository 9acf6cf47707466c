import WebSocket from 'ws';
import { pushMessage } from '../../../shared/contract/cloud-api/push.js';
import type { PushMessage } from '../../../shared/model/broker.js';
import { withoutTrailingSlashes } from '../../../shared/url.js';

export interface PushChannelHandlers {
  onOpen(): void;
  onMessage(message: PushMessage): void;
  /** The socket closed (code 1006 for a drop); not called after close(). */
  onClose(code: number, reason: string): void;
  /** The socket could not open (network error, refused, 401...). */
  onError(error: Error): void;
  /**
   * A message did not match the contract (not JSON, or not a push message; never cast), or
   * handling it threw: the host logs it with its catalog code and shows it.
   */
  onFault(error: Error): void;
}

/** No message or ping from the cloud for this long: the channel is dead (half-open TCP). */
export const CHANNEL_SILENCE_MS = 45_000;

/**
 * The client end of the cloud's push channel (WebSocket, bearer session token). Reconnecting is
 * not done here: the state machine decides when (backoff), the core calls connect() again. The
 * cloud pings every 15 s; a channel silent for longer than CHANNEL_SILENCE_MS is ended here, so
 * a dead channel becomes "Reconnecting…" instead of silence.
 */
export class PushChannel {
  private socket: WebSocket | null = null;
  private silence: NodeJS.Timeout | null = null;

  private readonly url: string;

  /** `cloudUrl`: the cloud's base URL; the channel is its /api/connector/events WebSocket. */
  constructor(
    cloudUrl: string,
    private readonly silenceMs = CHANNEL_SILENCE_MS,
  ) {
    this.url = `${withoutTrailingSlashes(cloudUrl.replace(/^http/, 'ws'))}/api/connector/events`;
  }

  connect(token: string, handlers: PushChannelHandlers): void {
    this.close();
    const socket = new WebSocket(this.url, {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: 10_000,
    });
    this.socket = socket;
    let opened = false;
    const alive = () => this.watch(socket);
    socket.on('open', () => {
      opened = true;
      alive();
      handlers.onOpen();
    });
    socket.on('ping', alive);
    socket.on('message', (data) => {
      if (this.socket !== socket) return;
      alive();
      const message = parsePushMessage(String(data));
      if (typeof message === 'string') {
        // Reported, never cast; and the channel that carried it is no longer trusted, so it is
        // dropped: the machine reconnects it and the snapshot re-syncs whatever was missed.
        handlers.onFault(new Error(`push message refused: ${message}`));
        socket.terminate();
        return;
      }
      try {
        handlers.onMessage(message);
      } catch (e) {
        handlers.onFault(e instanceof Error ? e : new Error(String(e)));
      }
    });
    socket.on('error', (e) => {
      if (this.socket === socket && !opened) handlers.onError(e);
    });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.unwatch();
      if (opened) handlers.onClose(code, String(reason));
    });
    socket.on('unexpected-response', (_req, res) => {
      if (this.socket !== socket) return;
      this.socket = null;
      handlers.onError(new Error(`push channel refused: HTTP ${res.statusCode}`));
      socket.terminate();
    });
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  close(): void {
    const s = this.socket;
    this.socket = null;
    this.unwatch();
    if (s && s.readyState !== WebSocket.CLOSED) s.terminate();
  }

  /** Restarts the silence deadline; when it passes, the socket is ended (onClose: 1006). */
  private watch(socket: WebSocket) {
    this.unwatch();
    this.silence = setTimeout(() => socket.terminate(), this.silenceMs);
    this.silence.unref?.();
  }

  private unwatch() {
    if (this.silence) clearTimeout(this.silence);
    this.silence = null;
  }
}

/** The message, validated against the contract, or why it is refused. */
export function parsePushMessage(text: string): PushMessage | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const r = pushMessage.safeParse(json);
  if (r.success) return r.data;
  return r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
    .join('; ');
}
