/**
 * The workshop's one HTTP server. `/t/<k>/…` goes to attendee k's tenant with the prefix taken
 * off (the tenant sees its usual paths); everything else to the trainer's own cloud at the root.
 * At the door, for admin routes only (/api/admin): the trainer's token is exchanged for the
 * tenant's (the trainer administers every tenant), and an attendee's token on a tenant not theirs
 * is refused with 403 in the admin API's error shape.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AdminError } from '../http/admin-error.js';
import { bearerToken, hashToken, tokenMatches } from '../security/tokens.js';

/** One cloud behind the door: its server and its admin token. */
export interface Mounted {
  /** null for the trainer's cloud at the root. */
  attendee: number | null;
  server: Server;
  adminToken: string;
}

export interface FrontDoorRoutes {
  root: Mounted | undefined;
  attendees: Map<number, Mounted>;
}

const TENANT_PATH = /^\/t\/(\d+)(?=[/?#]|$)/;
const ADMIN_PATH = /^\/api\/admin(?:[/?#]|$)/;

function send(res: ServerResponse, e: AdminError) {
  const body = JSON.stringify(e.toBody());
  res.writeHead(e.status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
}

/** Picks the cloud for a request and rewrites its URL (and, for admin routes, its token). */
export function route(
  req: IncomingMessage,
  routes: FrontDoorRoutes,
  owners: Map<string, number>,
  trainerTokenHash: string,
): Mounted | AdminError {
  const url = req.url ?? '/';
  const m = TENANT_PATH.exec(url);
  const target = m ? routes.attendees.get(Number(m[1])) : routes.root;
  if (!target) {
    return m
      ? new AdminError(404, 'not_found', `No attendee ${m[1]} in this workshop.`)
      : new AdminError(503, 'starting', 'The workshop is starting. Try again in a moment.');
  }
  if (m) req.url = url.slice(m[0].length).replace(/^(?=[?#]|$)/, '/');
  if (ADMIN_PATH.test(req.url ?? '/')) {
    const token = bearerToken(req.headers.authorization);
    if (token !== undefined && target.attendee !== null && tokenMatches(token, trainerTokenHash)) {
      req.headers.authorization = `Bearer ${target.adminToken}`;
    } else if (token !== undefined) {
      const owner = owners.get(hashToken(token));
      if (owner !== undefined && owner !== target.attendee) {
        return new AdminError(
          403,
          'forbidden',
          `This admin token belongs to attendee ${owner}'s tenant, not to ${
            target.attendee === null ? "the trainer's cloud" : `attendee ${target.attendee}'s`
          }.`,
        );
      }
    }
  }
  return target;
}

export function frontDoor(routes: FrontDoorRoutes, trainerToken: string) {
  /** Attendee admin tokens by hash, to tell "another tenant's token" (403) from a wrong one. */
  const owners = new Map<string, number>();
  const trainerTokenHash = hashToken(trainerToken);
  const server = createServer((req, res) => {
    const target = route(req, routes, owners, trainerTokenHash);
    if (target instanceof AdminError) return send(res, target);
    target.server.emit('request', req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = route(req, routes, owners, trainerTokenHash);
    if (target instanceof AdminError) {
      socket.end(`HTTP/1.1 ${target.status} ${target.code}\r\nConnection: close\r\n\r\n`);
      return;
    }
    target.server.emit('upgrade', req, socket, head);
  });
  server.keepAliveTimeout = 65_000;
  return {
    server,
    /** Registers a tenant's admin token as its owner's (for the 403). */
    own(attendee: number, adminToken: string) {
      owners.set(hashToken(adminToken), attendee);
    },
  };
}
