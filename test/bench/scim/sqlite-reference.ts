/**
 * The SCIM benchmark's second reference, "bare + SQLite": the bare ceiling's `node:http` routes
 * (scim-http.ts) doing what the cloud must do for each request and nothing more. It keeps the
 * cloud's durability, so what it costs above the bare ceiling is SQLite's own share of the
 * cloud's gap, measured instead of asserted:
 *
 * - the database is the cloud's: `openDatabase` (WAL, synchronous=NORMAL, the cloud's schema, so
 *   the same `scim_users` table and indexes: userName case-insensitively unique, externalId) and
 *   its checkpointer worker, on a file as the benchmark's cloud uses;
 * - a write runs in the cloud's group commit (writes of one event-loop turn share one COMMIT,
 *   each in its savepoint) and is committed before its response is sent;
 * - the responses are the cloud's representation (`representResource`: meta, location, groups,
 *   ETag and Location headers), so the socket writes are as large;
 * - a bearer token is checked (constant time); the cloud's own work is left out: request
 *   validation, the SCIM schema's normalisation, the sync log, events, rate limiting, Fastify.
 *
 * Per request: a lookup reads the user and its groups in one deferred transaction (one WAL read
 * lock, as the cloud's snapshot); a create INSERTs in the group commit (a new id has no groups);
 * a PATCH reads the row, applies the operations, UPDATEs (keys kept) and reads the groups in it.
 *
 * `tsx test/bench/scim/sqlite-reference.ts --db <file> --token <token>` prints
 * "SQLite SCIM reference listening on <url>".
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GroupCommit } from '../../../electron/cloud/scim/group-commit.js';
import { representResource, type ScimResource } from '../../../electron/cloud/scim/read.js';
import {
  insertValues,
  toResource,
  type ResourceRow,
} from '../../../electron/cloud/store/sqlite-scim-store.js';
import { etagOf, type ScimTarget } from '../../../electron/cloud/scim/request.js';
import { USER_SCHEMA } from '../../../electron/cloud/scim/schemas.js';
import { startCheckpointer } from '../../../electron/cloud/store/checkpointer.js';
import { openDatabase } from '../../../electron/cloud/store/database.js';
import { nameKey } from '../../../electron/cloud/store/name-key.js';
import { writeTransaction } from '../../../electron/cloud/store/write-transaction.js';
import { isUniqueViolation } from '../../../electron/cloud/store/sql-db.js';
import type { Store, StoredResource } from '../../../electron/cloud/store/types.js';
import { listOf } from './bare-server.js';
import { listen, scimError, scimRoutes, type Reply, type ScimHandlers } from './scim-http.js';

/** The cloud's SCIM path shape (two 18-digit ids), so Location and meta.location are as long. */
export const REFERENCE_PREFIX = '/scim/000000000000000001/000000000000000001/v2';
export const REFERENCE_IDP = '000000000000000001';

// The cloud's own row shape and its mapping (sqlite-scim-store.ts), as the store selects it.
const COLUMNS = 'id, user_name AS name, external_id, active, version, created, last_modified, doc';

function statements(db: Database.Database) {
  return {
    byName: db.prepare<[string, string], ResourceRow>(
      `SELECT ${COLUMNS} FROM scim_users WHERE idp_id = ? AND user_name_lc = ?`,
    ),
    byId: db.prepare<[string, string], ResourceRow>(
      `SELECT ${COLUMNS} FROM scim_users WHERE idp_id = ? AND id = ?`,
    ),
    groups: db.prepare<[string, string], { value: string; display: string }>(
      `SELECT g.id AS value, g.display_name AS display
         FROM scim_members m INDEXED BY scim_members_by_member
         JOIN scim_groups g ON g.idp_id = m.idp_id AND g.id = m.group_id
        WHERE m.idp_id = ? AND m.member_id = ? ORDER BY g.seq`,
    ),
    insert: db.prepare(
      `INSERT INTO scim_users (idp_id, id, user_name, user_name_lc, external_id, active, version,
         created, last_modified, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare(
      `UPDATE scim_users SET active = ?, version = ?, last_modified = ?, doc = ?
        WHERE idp_id = ? AND id = ?`,
    ),
  };
}

/** A PATCH the reference applies: path-less replaces that keep userName and externalId. */
function replaces(body: Record<string, unknown>): Record<string, unknown>[] | undefined {
  const ops = body.Operations;
  if (!Array.isArray(ops)) return undefined;
  const values: Record<string, unknown>[] = [];
  for (const op of ops as { op?: unknown; path?: unknown; value?: unknown }[]) {
    const value = op.value as Record<string, unknown> | undefined;
    if (String(op.op).toLowerCase() !== 'replace' || op.path !== undefined) return undefined;
    if (!value || typeof value !== 'object' || 'userName' in value || 'externalId' in value) {
      return undefined;
    }
    values.push(value);
  }
  return values;
}

export interface SqliteReference {
  handlers: ScimHandlers;
  /** Where Location and meta.location point: set baseUrl once the server listens. */
  target: ScimTarget;
  close(): Promise<void>;
}

/** The reference's routes over the SQLite database in `file` (created with the cloud's schema). */
export function sqliteReference(file: string): SqliteReference {
  const db = openDatabase(file);
  const checkpointer = startCheckpointer(file);
  const sql = statements(db);
  const target: ScimTarget = { idpId: REFERENCE_IDP, baseUrl: '' };
  // The cloud's transactions (sqlite-store.ts): BEGIN IMMEDIATE for writes, deferred for reads.
  const commit = new GroupCommit(writeTransaction(db));
  const snapshot = db.transaction(<T>(fn: () => T): T => fn());
  // Groups are always passed in, so representResource never reads a store.
  const NO_STORE = undefined as unknown as Store;
  const represent = (r: StoredResource): ScimResource => {
    const groups = sql.groups.all(REFERENCE_IDP, r.id).map((g) => ({ ...g, type: 'direct' }));
    return representResource(NO_STORE, 'User', target, r, groups);
  };

  const handlers: ScimHandlers = {
    lookup(userName) {
      const found = snapshot(() => {
        const row =
          userName === undefined ? undefined : sql.byName.get(REFERENCE_IDP, nameKey(userName));
        return row && represent(toResource(row));
      }) as ScimResource | undefined;
      return { status: 200, body: listOf(found) };
    },
    create(body) {
      // Never stored, as in the cloud: password (writeOnly), groups, id and meta (readOnly).
      const { password: _p, groups: _g, id: _i, meta: _m, externalId, ...attributes } = body;
      const now = Date.now();
      const user: StoredResource = {
        id: randomUUID(),
        name: String(attributes.userName),
        externalId: typeof externalId === 'string' ? externalId : null,
        active: attributes.active !== false,
        version: 1,
        created: now,
        lastModified: now,
        attributes: { ...attributes, schemas: [USER_SCHEMA] },
      };
      const resource = commit.run(() => {
        sql.insert.run(...insertValues('User', REFERENCE_IDP, user));
        // A new id belongs to no group, so no groups read (nor does the cloud's create).
        return representResource(NO_STORE, 'User', target, user, []);
      });
      return resource.then(
        (r): Reply => ({
          status: 201,
          body: r,
          headers: { location: (r.meta as { location: string }).location, etag: etagOf(1) },
        }),
        (e: unknown) => {
          if (isUniqueViolation(e)) return scimError(409, `${user.name} exists.`, 'uniqueness');
          throw e;
        },
      );
    },
    patch(id, body) {
      const values = replaces(body);
      if (!values)
        return scimError(400, 'The reference applies path-less replaces only.', 'invalidValue');
      const patched = commit.run(() => {
        const row = sql.byId.get(REFERENCE_IDP, id);
        if (!row) return undefined;
        const user = toResource(row);
        for (const value of values) Object.assign(user.attributes, value);
        user.active = user.attributes.active !== false;
        user.version++;
        user.lastModified = Date.now();
        sql.update.run(
          user.active ? 1 : 0,
          user.version,
          user.lastModified,
          JSON.stringify(user.attributes),
          REFERENCE_IDP,
          id,
        );
        return { resource: represent(user), version: user.version };
      });
      return patched.then((p): Reply =>
        p
          ? { status: 200, body: p.resource, headers: { etag: etagOf(p.version) } }
          : scimError(404, `User ${id} not found.`),
      );
    },
  };
  return {
    handlers,
    target,
    async close() {
      await checkpointer.close();
      db.close();
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, token: { type: 'string' } },
  });
  if (!values.db || !values.token)
    throw new Error('Usage: sqlite-reference.ts --db <file> --token <token>');
  const reference = sqliteReference(values.db);
  const server = listen(
    'SQLite SCIM reference',
    scimRoutes(REFERENCE_PREFIX, reference.handlers, values.token),
    reference.close,
  );
  server.once('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    reference.target.baseUrl = `http://127.0.0.1:${port}${REFERENCE_PREFIX}`;
  });
}
