import WebSocket from 'ws';
import { pushMessage } from '../../../shared/contract/cloud-api/push.js';
import type { PushMessage } from '../../../shared/model/broker.js';

export interface PushChannelHandlers {
  onMessage(message: PushMessage): void;
  /**
   * A message did not match the contract (not JSON, or not a push message): the channel is
   * closed, since its state can no longer be trusted; onClose is not called.
   */
  onInvalid(reason: string): void;
  /** The socket closed (code 1006 for a drop); not called after close(). */
  onClose(code: number, reason: string): void;
  /** The socket could not open (network error, refused, 401...). */
  onError(error: Error): void;
}

/**
 * The client end of the cloud's push channel (WebSocket, bearer session token). Reconnecting is
 * not done here: the state machine decides when (backoff), the core calls connect() again.
 */
export class PushChannel {
  private socket: WebSocket | null = null;

  constructor(private readonly url: string) {}

  connect(token: string, handlers: PushChannelHandlers): void {
    this.close();
    const socket = new WebSocket(this.url, {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: 10_000,
    });
    this.socket = socket;
    let opened = false;
    socket.on('open', () => (opened = true));
    socket.on('message', (data) => {
      if (this.socket !== socket) return;
      const message = parsePushMessage(String(data));
      if (typeof message === 'string') {
        this.close();
        handlers.onInvalid(message);
        return;
      }
      handlers.onMessage(message);
    });
    socket.on('error', (e) => {
      if (this.socket === socket && !opened) handlers.onError(e);
    });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = null;
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
    if (s && s.readyState !== WebSocket.CLOSED) s.terminate();
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
