/**
 * The bare ceiling for the SCIM benchmark: a plain `node:http` server answering the same SCIM
 * routes the benchmark drives (userName lookup, POST, PATCH active=false) from an in-memory map,
 * with no framework, no database, no auth, no logging. It measures what the machine, Node's HTTP
 * stack and JSON cost alone, so the cloud's figures can be read as a share of it.
 *
 * `tsx test/bench/scim/bare-server.ts` prints "Bare SCIM ceiling listening on <url>".
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIST_RESPONSE_SCHEMA, USER_SCHEMA } from '../../../electron/cloud/scim/schemas.js';
import { listen, scimError, scimRoutes, type ScimHandlers } from './scim-http.js';

export const BARE_PREFIX = '/scim/bench/bare/v2';

/** The ListResponse of a `userName eq` lookup: the user found, or none. */
export function listOf(found: Record<string, unknown> | undefined) {
  const resources = found ? [found] : [];
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/** The routes over two maps: users by id and by lower-cased userName. */
export function bareHandlers(): ScimHandlers {
  const byId = new Map<string, Record<string, unknown>>();
  const byName = new Map<string, Record<string, unknown>>();
  return {
    lookup: (userName) => ({
      status: 200,
      body: listOf(userName === undefined ? undefined : byName.get(userName.toLowerCase())),
    }),
    create(body) {
      delete body.password;
      const user: Record<string, unknown> = { ...body, schemas: [USER_SCHEMA], id: randomUUID() };
      byId.set(user.id as string, user);
      byName.set(String(user.userName).toLowerCase(), user);
      return { status: 201, body: user };
    },
    patch(id, body) {
      const user = byId.get(id);
      if (!user) return scimError(404, `User ${id} not found.`);
      for (const op of body.Operations as { value: Record<string, unknown> }[]) {
        Object.assign(user, op.value);
      }
      return { status: 200, body: user };
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  listen('Bare SCIM ceiling', scimRoutes(BARE_PREFIX, bareHandlers()));
}
