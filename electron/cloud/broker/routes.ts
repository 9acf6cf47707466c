import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AuthError, connectorErrorHandler } from '../auth/auth-error.js';
import type { SessionService } from '../auth/sessions.js';
import { bearerToken } from '../security/tokens.js';
import { ownerKey, type Broker } from './broker.js';
import { CODES } from '../../../shared/errors/codes.js';

const openSchema = z
  .object({
    app: z.string().trim().toLowerCase().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(443),
  })
  .strict();

/**
 * The connector API once signed in: the user's apps, opening and closing app connections, and
 * the push channel (WebSocket at /api/connector/events, bearer session token in the header).
 */
export async function brokerRoutes(
  app: FastifyInstance,
  opts: { broker: Broker; sessions: SessionService },
) {
  const { broker, sessions } = opts;
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  app.setErrorHandler(connectorErrorHandler);

  const session = (req: FastifyRequest) =>
    sessions.authenticate(bearerToken(req.headers.authorization));

  app.get('/state', async (req) => broker.snapshot(session(req)));

  app.get('/apps', async (req) => {
    const live = broker.live(session(req));
    return broker.access
      .apps(live)
      .map((a) => ({ ...a, decision: { ...a.decision, trace: undefined } }));
  });

  app.post('/apps/open', async (req) => {
    const r = openSchema.safeParse(req.body);
    if (!r.success) {
      throw new AuthError(
        CODES.INVALID_REQUEST,
        r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
      );
    }
    return broker.open(session(req), r.data.app, r.data.port);
  });

  app.get('/connections', async (req) => broker.connections.list(ownerKey(session(req))));

  app.post('/connections/:id/use', async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const s = session(req);
    if (broker.connections.ownerOf(req.params.id) !== ownerKey(s)) throw notFound(req.params.id);
    return broker.connections.use(req.params.id);
  });

  app.delete('/connections/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const closed = broker.close(session(req), req.params.id);
    if (!closed) throw notFound(req.params.id);
    return reply.code(200).send(closed);
  });

  app.get('/events', { websocket: true }, (socket, req) => {
    let stored;
    try {
      stored = session(req);
    } catch (e) {
      socket.close(4001, e instanceof AuthError ? e.code : 'unauthorized');
      return;
    }
    broker.hub.attach(stored.id, socket, () => broker.snapshot(stored));
  });
}

const notFound = (id: string) => new AuthError(CODES.NOT_FOUND, `No app connection ${id}.`, 404);
