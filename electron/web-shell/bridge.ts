import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import {
  CONNECTOR_EVENTS,
  type BridgeFrame,
  type BridgeRequest,
  type CallResult,
  type ConnectorEventName,
  type EventPayloads,
} from '../../shared/contract/connector-names.js';
import { CODES } from '../../shared/errors/codes.js';

/** What the bridge needs of the connector service. */
export interface BridgeService {
  call(call: unknown, input?: unknown): Promise<CallResult<unknown>>;
  subscribe<E extends ConnectorEventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void;
  snapshot(): EventPayloads['state'];
}

export interface BridgeServer {
  /** Hands an accepted upgrade request to a new bridge. */
  bridge(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every bridge. */
  close(): void;
}

/**
 * The bridges of one service: each accepted upgrade becomes a WebSocket served by `service`;
 * `onState` hears when one was sent its first state (its window paints next).
 */
export function bridgeServer(service: BridgeService, onState: () => void): BridgeServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  return {
    bridge(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        serveBridge(ws, service);
        onState();
      });
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/** Above this much unsent data, state frames are skipped: the next one carries the whole state. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * window.connector over one WebSocket (JSON frames): a BridgeRequest `{id, call, input}` is
 * answered by `{id, result}` with the CallResult envelope; every contract event is pushed as
 * `{event, payload}`, the first `state` right after the socket opens.
 */
export function serveBridge(socket: WebSocket, service: BridgeService): void {
  const send = (frame: BridgeFrame) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    if ('event' in frame && frame.event === 'state' && socket.bufferedAmount > MAX_BUFFERED_BYTES)
      return;
    socket.send(JSON.stringify(frame));
  };

  const unsubscribe = CONNECTOR_EVENTS.map((event) =>
    service.subscribe(event, (payload) => send({ event, payload })),
  );
  socket.once('close', () => unsubscribe.forEach((u) => u()));
  // A frame over maxPayload or a text frame that is not UTF-8: ws has already closed this socket
  // (1009 / 1007) and reports it here. Without a listener the 'error' would end the process.
  socket.on('error', () => {});

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      socket.close(1003, 'JSON text frames only');
      return;
    }
    let request: BridgeRequest;
    try {
      request = parseRequest(String(data));
    } catch (e) {
      const id = idOf(String(data));
      if (id !== null) {
        send({
          id,
          result: {
            ok: false,
            error: { code: CODES.INVALID_REQUEST, message: (e as Error).message },
          },
        });
      } else socket.close(1007, 'Not a bridge request');
      return;
    }
    void service
      .call(request.call, request.input)
      .then((result) => send({ id: request.id, result }));
  });

  send({ event: 'state', payload: service.snapshot() });
}

function parseRequest(text: string): BridgeRequest {
  const v = JSON.parse(text) as unknown;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('A request is an object.');
  const r = v as Record<string, unknown>;
  if (!Number.isSafeInteger(r.id) || (r.id as number) < 0) {
    throw new Error('id: a non-negative integer.');
  }
  if (typeof r.call !== 'string') throw new Error('call: the name of a connector call.');
  for (const k of Object.keys(r)) {
    if (k !== 'id' && k !== 'call' && k !== 'input') throw new Error(`Unknown field: ${k}`);
  }
  return { id: r.id as number, call: r.call as BridgeRequest['call'], input: r.input };
}

function idOf(text: string): number | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : null;
  } catch {
    return null;
  }
}
