/**
 * The SCIM benchmark's references (test/bench/scim): the bare + SQLite reference answers the
 * benchmark's requests with the bare ceiling's status codes and the cloud's representation, and
 * it keeps the cloud's durability: a write is committed (seen by another connection to the file)
 * before its response is written.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { representResource } from '../../../electron/cloud/scim/read.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import { BARE_PREFIX, bareHandlers } from '../../bench/scim/bare-server.js';
import {
  DEACTIVATE_BODY,
  createBodyOf,
  filterQuery,
  userNameOf,
} from '../../bench/scim/okta-directory.js';
import { scimRoutes } from '../../bench/scim/scim-http.js';
import {
  REFERENCE_IDP,
  REFERENCE_PREFIX,
  sqliteReference,
  type SqliteReference,
} from '../../bench/scim/sqlite-reference.js';

const TOKEN = 'reference-test-token';
const dir = mkdtempSync(join(tmpdir(), 'scim-reference-'));
const file = join(dir, 'reference.db');

interface Side {
  server: Server;
  url: string;
}

/** The newest user another connection to the reference's file saw as each response was written. */
const seenAtResponse: { status: number; newest: unknown }[] = [];
let observer: Database.Database;

function serve(handler: ReturnType<typeof scimRoutes>, onEnd?: (res: ServerResponse) => void) {
  const server = createServer((req, res) => {
    if (onEnd) {
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        onEnd(res);
        return end(...args);
      }) as typeof res.end;
    }
    void handler(req, res);
  });
  return new Promise<Side>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    }),
  );
}

let bare: Side;
let sqlite: Side;
let reference: SqliteReference;

beforeAll(async () => {
  bare = await serve(scimRoutes(BARE_PREFIX, bareHandlers()));
  reference = sqliteReference(file);
  observer = new Database(file, { readonly: true });
  const newest = observer.prepare(
    'SELECT id, active, version FROM scim_users WHERE idp_id = ? ORDER BY seq DESC LIMIT 1',
  );
  sqlite = await serve(scimRoutes(REFERENCE_PREFIX, reference.handlers, TOKEN), (res) => {
    seenAtResponse.push({ status: res.statusCode, newest: newest.get(REFERENCE_IDP) });
  });
  reference.target.baseUrl = `${sqlite.url}${REFERENCE_PREFIX}`;
});

afterAll(async () => {
  for (const s of [bare, sqlite]) await new Promise((r) => s.server.close(r));
  observer.close();
  await reference.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A SCIM body, with the members these tests read. */
type ScimBody = Record<string, unknown> & {
  id: string;
  active: boolean;
  externalId: string;
  scimType: string;
  totalResults: number;
  Resources: ScimBody[];
  meta: { created: string; lastModified: string; version: string };
};

async function call(side: 'bare' | 'sqlite', method: string, path: string, body?: string) {
  const [s, prefix] = side === 'bare' ? [bare, BARE_PREFIX] : [sqlite, REFERENCE_PREFIX];
  const res = await fetch(`${s.url}${prefix}${path}`, {
    method,
    body,
    headers: {
      'content-type': 'application/scim+json',
      ...(side === 'sqlite' && { authorization: `Bearer ${TOKEN}` }),
    },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as ScimBody };
}

const userName = userNameOf(7);
const both = async (method: string, path: (side: 'bare' | 'sqlite') => string, body?: string) => ({
  bare: await call('bare', method, path('bare'), body),
  sqlite: await call('sqlite', method, path('sqlite'), body),
});

describe('the bare + SQLite reference', () => {
  const ids: Record<string, string> = {};

  it('answers the four requests with the bare ceiling’s status codes and the cloud’s bodies', async () => {
    const miss = await both('GET', () => `/Users?${filterQuery(userName)}`);
    expect([miss.bare.status, miss.sqlite.status]).toEqual([200, 200]);
    expect(miss.sqlite.body).toEqual(miss.bare.body);
    expect(miss.sqlite.body.totalResults).toBe(0);

    const created = await both('POST', () => '/Users', createBodyOf(7, userName));
    expect([created.bare.status, created.sqlite.status]).toEqual([201, 201]);
    const user = created.sqlite.body;
    ids.bare = created.bare.body.id;
    ids.sqlite = user.id;
    // The cloud's representation of what it stored, built by the cloud's own function.
    const stored = {
      id: user.id,
      name: userName,
      externalId: user.externalId,
      active: true,
      version: 1,
      created: Date.parse(user.meta.created),
      lastModified: Date.parse(user.meta.lastModified),
      attributes: { ...created.bare.body } as Record<string, unknown>,
    };
    for (const key of ['id', 'externalId', 'groups']) delete stored.attributes[key];
    const target = { idpId: REFERENCE_IDP, baseUrl: `${sqlite.url}${REFERENCE_PREFIX}` };
    const cloud = representResource(undefined as unknown as Store, 'User', target, stored, []);
    expect(user).toEqual(cloud);
    expect(JSON.stringify(user).length).toBe(JSON.stringify(cloud).length);
    expect(created.sqlite.headers.get('location')).toBe(
      (cloud.meta as { location: string }).location,
    );
    expect(created.sqlite.headers.get('etag')).toBe('W/"1"');
    expect(user.password).toBeUndefined();

    const hit = await both('GET', () => `/Users?${filterQuery(userName.toUpperCase())}`);
    expect([hit.bare.status, hit.sqlite.status]).toEqual([200, 200]);
    expect(hit.sqlite.body.totalResults).toBe(1);
    expect(hit.sqlite.body.Resources).toEqual([user]);
    expect(Object.keys(hit.sqlite.body)).toEqual(Object.keys(hit.bare.body));

    const patched = await both('PATCH', (side) => `/Users/${ids[side]}`, DEACTIVATE_BODY);
    expect([patched.bare.status, patched.sqlite.status]).toEqual([200, 200]);
    expect(patched.sqlite.body.active).toBe(false);
    expect(patched.sqlite.body.meta.version).toBe('W/"2"');
    expect(patched.sqlite.headers.get('etag')).toBe('W/"2"');
    const { active: _a, meta: _m, ...rest } = patched.sqlite.body;
    const { active: _b, meta: _n, ...before } = user;
    expect(rest).toEqual(before);

    const missing = await both('PATCH', () => '/Users/no-such-id', DEACTIVATE_BODY);
    expect([missing.bare.status, missing.sqlite.status]).toEqual([404, 404]);
  });

  it('commits each write before its response is written, and reads what it committed', async () => {
    seenAtResponse.length = 0;
    const name = userNameOf(8);
    const created = await call('sqlite', 'POST', '/Users', createBodyOf(8, name));
    const id = created.body.id as string;
    await call('sqlite', 'PATCH', `/Users/${id}`, DEACTIVATE_BODY);
    const found = await call('sqlite', 'GET', `/Users?${filterQuery(name)}`);
    expect(found.body.Resources[0]!.active).toBe(false);
    expect(seenAtResponse).toEqual([
      { status: 201, newest: { id, active: 1, version: 1 } },
      { status: 200, newest: { id, active: 0, version: 2 } },
      { status: 200, newest: { id, active: 0, version: 2 } },
    ]);
  });

  it('refuses a request without the token, a duplicate userName and a PATCH it does not apply', async () => {
    const res = await fetch(`${sqlite.url}${REFERENCE_PREFIX}/Users?${filterQuery(userName)}`);
    expect(res.status).toBe(401);
    const again = await call('sqlite', 'POST', '/Users', createBodyOf(7, userName.toUpperCase()));
    expect(again.status).toBe(409);
    expect(again.body.scimType).toBe('uniqueness');
    const withPath = JSON.stringify({
      Operations: [{ op: 'replace', path: 'userName', value: 'x' }],
    });
    expect((await call('sqlite', 'PATCH', `/Users/${ids.sqlite}`, withPath)).status).toBe(400);
  });
});
