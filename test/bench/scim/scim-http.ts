/**
 * The plain `node:http` side the SCIM benchmark's reference servers share (bare-server.ts, the
 * bare ceiling; sqlite-reference.ts, the ceiling plus SQLite): the routes the benchmark drives
 * (userName lookup, POST, PATCH of a user), the JSON body read, the reply written, and the
 * listening. Each server only says what a route answers (`ScimHandlers`), so the two differ in
 * their storage and nothing else.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { ERROR_SCHEMA } from '../../../electron/cloud/scim/schemas.js';

/** What a route answers: a status, a JSON body, and headers beyond the content's own. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: OutgoingHttpHeaders;
}

/** A route's answer, now or once its write has committed. */
export type Answer = Reply | Promise<Reply>;

export interface ScimHandlers {
  /** GET …/Users?filter=userName eq "<userName>" (undefined: no such filter). */
  lookup(userName: string | undefined): Answer;
  /** POST …/Users with its parsed body. */
  create(body: Record<string, unknown>): Answer;
  /** PATCH …/Users/<id> with its parsed body. */
  patch(id: string, body: Record<string, unknown>): Answer;
}

export const scimError = (status: number, detail: string, scimType?: string): Reply => ({
  status,
  body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType && { scimType }), detail },
});

export function send(res: ServerResponse, { status, body, headers }: Reply): void {
  const text = JSON.stringify(body);
  const own = {
    'content-type': 'application/scim+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  };
  res.writeHead(status, headers ? { ...headers, ...own } : own);
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk as string;
  return JSON.parse(text) as Record<string, unknown>;
}

const USER_NAME_EQ = /^userName eq "(.*)"$/;

/**
 * The request handler for `prefix` (…/v2): Users lookup, create and PATCH go to `handlers`;
 * anything else is a SCIM 404. With `token`, a request without `Authorization: Bearer <token>`
 * gets a 401 (compared in constant time, as a server must).
 */
export function scimRoutes(
  prefix: string,
  handlers: ScimHandlers,
  token?: string,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const users = `${prefix}/Users`;
  const expected = token === undefined ? undefined : Buffer.from(`Bearer ${token}`);
  const authorized = (req: IncomingMessage) => {
    if (!expected) return true;
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const route = async (req: IncomingMessage): Promise<Reply> => {
    req.setEncoding('utf8');
    if (!authorized(req)) return scimError(401, 'A valid bearer token is required.');
    const url = new URL(req.url ?? '/', 'http://reference');
    if (req.method === 'GET' && url.pathname === users) {
      const m = USER_NAME_EQ.exec(url.searchParams.get('filter') ?? '');
      return handlers.lookup(m?.[1]);
    }
    if (req.method === 'POST' && url.pathname === users)
      return handlers.create(await readBody(req));
    const id = url.pathname.startsWith(`${users}/`) ? url.pathname.slice(users.length + 1) : '';
    if (req.method === 'PATCH' && id) return handlers.patch(id, await readBody(req));
    return scimError(404, `No route ${req.method} ${url.pathname}.`);
  };
  return (req, res) =>
    route(req).then(
      (reply) => send(res, reply),
      (e: unknown) => send(res, scimError(400, String(e))),
    );
}

/** Listens on 127.0.0.1, port 0, and prints "<name> listening on <url>" (server.ts waits for it). */
export function listen(
  name: string,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  onClose?: () => Promise<void>,
): Server {
  const server = createServer((req, res) => void handler(req, res));
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    console.log(`${name} listening on http://127.0.0.1:${port}`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void (onClose?.() ?? Promise.resolve()).finally(() => process.exit(0)));
  });
  return server;
}
