/**
 * The bare ceiling for the SCIM benchmark: a plain `node:http` server answering the same SCIM
 * routes the benchmark drives (userName lookup, POST, PATCH active=false) from an in-memory map,
 * with no framework, no database, no auth, no logging. It measures what the machine, Node's HTTP
 * stack and JSON cost alone, so the cloud's figures can be read as a share of it.
 *
 * `tsx test/bench/scim/bare-server.ts` prints "Bare SCIM ceiling listening on <url>".
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const PREFIX = '/scim/bench/bare/v2/Users';

const byId = new Map<string, Record<string, unknown>>();
const byName = new Map<string, Record<string, unknown>>();

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/scim+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk as string;
  return JSON.parse(text) as Record<string, unknown>;
}

function lookup(res: ServerResponse, url: URL) {
  const m = /^userName eq "(.*)"$/.exec(url.searchParams.get('filter') ?? '');
  const found = m ? byName.get(m[1]!.toLowerCase()) : undefined;
  const resources = found ? [found] : [];
  send(res, 200, {
    schemas: [LIST_SCHEMA],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  });
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  req.setEncoding('utf8');
  const url = new URL(req.url ?? '/', 'http://bare');
  if (req.method === 'GET' && url.pathname === PREFIX) return lookup(res, url);
  if (req.method === 'POST' && url.pathname === PREFIX) {
    const body = await readBody(req);
    delete body.password;
    const user: Record<string, unknown> = { ...body, schemas: [USER_SCHEMA], id: randomUUID() };
    byId.set(user.id as string, user);
    byName.set(String(user.userName).toLowerCase(), user);
    return send(res, 201, user);
  }
  const id = url.pathname.startsWith(`${PREFIX}/`) ? url.pathname.slice(PREFIX.length + 1) : '';
  const user = byId.get(id);
  if (req.method === 'PATCH' && user) {
    const ops = (await readBody(req)).Operations as { value: Record<string, unknown> }[];
    for (const op of ops) Object.assign(user, op.value);
    return send(res, 200, user);
  }
  send(res, 404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
}

const server = createServer((req, res) => {
  handle(req, res).catch((e: unknown) => send(res, 400, { detail: String(e) }));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`Bare SCIM ceiling listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
