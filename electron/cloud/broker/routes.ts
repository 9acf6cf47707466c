import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { connectorRoutes as contract } from '../../../shared/contract/cloud-api/connector.js';
import { AuthError, connectorErrorHandler } from '../auth/auth-error.js';
import type { SessionService } from '../auth/sessions.js';
import { DATABASE_BUSY, isDatabaseBusy } from '../http/database-busy.js';
import { serve } from '../http/route.js';
import { bearerToken } from '../security/tokens.js';
import { ownerKey, type Broker } from './broker.js';
import { CODES } from '../../../shared/errors/codes.js';
import { PUSH_CLOSE_CODES } from '../../../shared/contract/cloud-api/push.js';

/**
 * The connector API once signed in: the user's apps, opening and closing app connections, and
 * the push channel (WebSocket at /api/connector/events, bearer session token in the header).
 */
export async function brokerRoutes(
  app: FastifyInstance,
  opts: { broker: Broker; sessions: SessionService },
) {
  const { broker, sessions } = opts;
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    // A frame over the limit or text that is not UTF-8: ws is already closing that socket with
    // 1009 / 1007; terminating it (the plugin's default) could cut that close frame off.
    errorHandler: (_error, socket) => {
      if (socket.readyState === socket.OPEN) socket.terminate();
    },
  });

  app.setErrorHandler(connectorErrorHandler);

  const session = (req: FastifyRequest) =>
    sessions.authenticate(bearerToken(req.headers.authorization));

  serve(app, contract.state, (_input, req) => broker.snapshot(session(req)));

  serve(app, contract.apps, (_input, req) => {
    const live = broker.live(session(req));
    return broker.access
      .apps(live)
      .map((a) => ({ ...a, decision: { ...a.decision, trace: undefined } }));
  });

  serve(app, contract.openApp, ({ body }, req) => broker.open(session(req), body.app, body.port));

  serve(app, contract.connections, (_input, req) =>
    broker.connections.list(ownerKey(session(req))),
  );

  serve(app, contract.useConnection, ({ params }, req) => {
    const s = session(req);
    if (broker.connections.ownerOf(params.id) !== ownerKey(s)) throw notFound(params.id);
    const used = broker.connections.use(params.id);
    if (!used) throw notFound(params.id);
    return used;
  });

  serve(app, contract.closeConnection, ({ params }, req) => {
    const closed = broker.close(session(req), params.id);
    if (!closed) throw notFound(params.id);
    return closed;
  });

  app.get('/events', { websocket: true }, (socket, req) => {
    try {
      const stored = session(req);
      broker.hub.attach(stored.id, socket, () => broker.snapshot(stored));
    } catch (e) {
      const [code, reason] = pushRefusal(e);
      socket.close(code, reason);
    }
  });
}

/**
 * How the push channel is refused: a bad session ends it for good (the connector signs in
 * again); a busy database asks the connector to come back (it reconnects with backoff, as for
 * any other close); anything else is the server's fault (1011), not the session's.
 */
export function pushRefusal(e: unknown): [code: number, reason: string] {
  if (e instanceof AuthError) return [PUSH_CLOSE_CODES.sessionInvalid, e.code];
  if (isDatabaseBusy(e)) return [DATABASE_BUSY.wsCloseCode, DATABASE_BUSY.connectorCode];
  console.error('Push channel refused by an internal error:', e);
  return [WS_INTERNAL_ERROR, CODES.INTERNAL];
}

/** RFC 6455 §7.4.1: the server met a condition that kept it from serving the request. */
const WS_INTERNAL_ERROR = 1011;

const notFound = (id: string) => new AuthError(CODES.NOT_FOUND, `No app connection ${id}.`, 404);
