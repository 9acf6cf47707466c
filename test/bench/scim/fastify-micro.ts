/**
 * `tsx test/bench/scim/fastify-micro.ts [--rounds 12] [--requests 4000] [--only a,b]`: what the
 * HTTP layer alone costs the server per SCIM-shaped request, in CPU µs, for the shapes the SCIM
 * routes could take: plain `node:http`, Fastify with no hook, and Fastify with the SCIM scope's
 * hooks as they were (onRequest, preParsing, preHandler, onResponse on every route) and as they
 * are (one onRequest, onResponse, a preHandler on writes only; `sync`: and the GET handler not
 * async). No database, no SCIM service: a
 * canned ~600-byte user answers, so only the framework's per-request work differs. The client
 * runs in a child process (undici, 8 in flight); the server's CPU is this process's
 * (`process.cpuUsage`), each round a fixed number of requests, the shapes in a rotating order
 * round by round so the neighbours' load falls on all of them; medians are printed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Pool } from 'undici';

const CT = 'application/scim+json; charset=utf-8';
const PREFIX = '/scim/t1/idp1/v2';
const USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '00u1abcd2EFGH3ijk4l5',
  userName: 'alice.example@acme.example',
  name: { givenName: 'Alice', familyName: 'Example', formatted: 'Alice Example' },
  displayName: 'Alice Example',
  emails: [{ value: 'alice.example@acme.example', type: 'work', primary: true }],
  active: true,
  groups: [],
  meta: {
    resourceType: 'User',
    created: '2026-12-08T00:00:00.000Z',
    lastModified: '2026-12-08T00:00:00.000Z',
    version: 'W/"3"',
    location: `http://127.0.0.1:1234${PREFIX}/Users/2819c223-7f76-453a-919d-413861904646`,
  },
};
const ETAG = 'W/"3"';
const BODY = JSON.stringify({
  schemas: USER.schemas,
  userName: 'new.user@acme.example',
  name: USER.name,
  emails: USER.emails,
  active: true,
});
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Request {
  method: string;
  path: string;
  body?: string;
}

const KINDS: Record<string, Request> = {
  lookup: { method: 'GET', path: `${PREFIX}/Users?filter=userName%20eq%20%22alice%40acme%22` },
  create: { method: 'POST', path: `${PREFIX}/Users`, body: BODY },
};

// ---------------------------------------------------------------------------------------------
// The client (child process)

async function client() {
  process.on('message', async (m: { port: number; kind: string; n: number }) => {
    const pool = new Pool(`http://127.0.0.1:${m.port}`, { connections: 8, pipelining: 1 });
    const r = KINDS[m.kind]!;
    let next = 0;
    const headers = {
      authorization: 'Bearer secret-token',
      accept: 'application/scim+json',
      'user-agent': 'Okta SCIM Client 1.0.0',
      ...(r.body ? { 'content-type': 'application/scim+json' } : {}),
    };
    const one = async () => {
      while (next++ < m.n) {
        const res = await pool.request({ method: r.method, path: r.path, headers, body: r.body });
        await res.body.text();
        if (res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, one));
    await pool.close();
    process.send!('done');
  });
}

// ---------------------------------------------------------------------------------------------
// The servers

function bare(): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const reply = () => {
      const status = req.method === 'POST' ? 201 : 200;
      const body = JSON.stringify(USER);
      res.writeHead(status, {
        'content-type': CT,
        etag: ETAG,
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        reply();
      });
    } else reply();
  });
}

/** none: no hook; before / after: the SCIM scope's four hooks, and the two-hook shape tried (and
 * dropped); sync / beforesync: after / before with the GET handler synchronous (no promise). */
type Hooks = 'none' | 'before' | 'after' | 'sync' | 'beforesync';

function fastify(hooks: Hooks): FastifyInstance {
  const app = Fastify({ logger: false, keepAliveTimeout: 65_000, forceCloseConnections: true });
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'application/scim+json'],
    { parseAs: 'string' },
    (req, body, done) => json(req, body as string, done),
  );
  void app.register(
    async (scope) => {
      scope.decorateRequest('note', undefined);
      const onRequest = (req: FastifyRequest, _r: FastifyReply, done: (e?: Error) => void) => {
        const p = req.params as { tenant: string; idpId: string };
        (req as unknown as { note: object }).note = {};
        if (p.tenant !== 't1' || !req.headers.authorization) return done(new Error('401'));
        if (hooks === 'after' || hooks === 'sync')
          return done(charset(req.headers['content-type']));
        done();
      };
      const limit = (req: FastifyRequest, _r: FastifyReply, done: (e?: Error) => void) => {
        if (!WRITES.has(req.method)) return done();
        done();
      };
      if (hooks !== 'none') {
        scope.addHook('onRequest', onRequest);
        scope.addHook('onResponse', (req, reply, done) => {
          void (req.params as { idpId: string }).idpId;
          void reply.elapsedTime;
          done();
        });
      }
      if (hooks === 'before' || hooks === 'beforesync') {
        scope.addHook('preHandler', limit);
        scope.addHook('preParsing', (req, _reply, payload, done) =>
          done(charset(req.headers['content-type']) ?? null, payload),
        );
      }
      const write = hooks === 'after' || hooks === 'sync' ? { preHandler: limit } : {};
      const send = (reply: FastifyReply, status: number) =>
        reply.code(status).type(CT).header('ETag', ETAG).send(USER);
      if (hooks === 'sync' || hooks === 'beforesync')
        scope.get('/Users', (_req, reply) => {
          send(reply, 200);
        });
      else scope.get('/Users', async (_req, reply) => send(reply, 200));
      scope.post('/Users', write, async (_req, reply) => send(reply, 201));
    },
    { prefix: '/scim/:tenant/:idpId/v2' },
  );
  return app;
}

function charset(ct: string | undefined): Error | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(ct ?? '');
  const c = m ? m[2]!.toLowerCase() : null;
  return c === null || c === 'utf-8' || c === 'utf8' ? undefined : new Error('415');
}

// ---------------------------------------------------------------------------------------------

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '12' },
      requests: { type: 'string', default: '4000' },
      only: { type: 'string', default: 'bare,fastify,before,after,sync' },
      kinds: { type: 'string', default: 'lookup,create' },
    },
  });
  const shapes: Record<string, () => Promise<{ port: number; close: () => Promise<void> }>> = {
    bare: async () => {
      const s = bare();
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      return {
        port: (s.address() as AddressInfo).port,
        close: () => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))),
      };
    },
    ...Object.fromEntries(
      (['none', 'before', 'after', 'sync', 'beforesync'] as const).map((h) => [
        h === 'none' ? 'fastify' : h,
        async () => {
          const app = fastify(h);
          await app.listen({ port: 0, host: '127.0.0.1' });
          return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
        },
      ]),
    ),
  };
  const names = values.only.split(',');
  const servers = await Promise.all(names.map((n) => shapes[n]!()));
  const child: ChildProcess = fork(process.argv[1]!, ['--client'], {
    execArgv: process.execArgv,
  });
  const run = (port: number, kind: string, n: number) =>
    new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send({ port, kind, n });
    });
  const N = Number(values.requests);
  try {
    for (const kind of values.kinds.split(',')) {
      for (const s of servers) await run(s.port, kind, 1000); // warm-up
      const cpu = new Map<string, number[]>(names.map((n) => [n, []]));
      console.log(
        `\n${kind} (load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')})`,
      );
      for (let r = 0; r < Number(values.rounds); r++) {
        for (let k = 0; k < names.length; k++) {
          const i = (k + r) % names.length;
          const t0 = process.cpuUsage();
          await run(servers[i]!.port, kind, N);
          const d = process.cpuUsage(t0);
          cpu.get(names[i]!)!.push((d.user + d.system) / N);
        }
      }
      const first = cpu.get(names[0]!)!;
      for (const n of names) {
        const v = cpu.get(n)!;
        // Each round against the first shape's same round: the pairs share the round's load.
        const diff = median(v.map((x, r) => x - first[r]!));
        console.log(
          `  ${n.padEnd(10)} ${median(v).toFixed(1)} µs/request (rounds ${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)}), ` +
            `median per-round difference to ${names[0]}: ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} µs`,
        );
      }
      console.log(
        `  load average after: ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
    }
  } finally {
    child.kill();
    await Promise.all(servers.map((s) => s.close()));
  }
}

if (process.argv.includes('--client')) void client();
else void main();
