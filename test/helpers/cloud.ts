/**
 * Test helpers for the mock private-access cloud over real HTTP: start a cloud on port 0, talk to
 * its admin API and to one IdP's SCIM service provider with the global `fetch`.
 */
import { expect } from 'vitest';
import { startCloud, type CloudOptions, type RunningCloud } from '../../electron/cloud/cloud.js';
import type { IdpConfig } from '../../shared/model/idp.js';
import { freshTestDb } from '../postgres/test-db.js';
import type { ScimSyncLogEntry } from '../../shared/model/scim-sync-log.js';
import { withoutTrailingSlashes } from '../../shared/url.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_JSON = 'application/scim+json';

/**
 * A parsed JSON response body. Tests read deep into SCIM documents and assert on the shape with
 * `expect`, so the body is deliberately untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  body: Body;
  text: string;
}

/** The subset of RunningCloud the HTTP helpers need (also satisfied by a CLI-started cloud). */
export interface CloudAddress {
  baseUrl: string;
  adminToken: string;
}

/** A cloud on port 0 with a fresh database (:memory:, or PostgreSQL in the postgres project). */
export async function startTestCloud(options: Partial<CloudOptions> = {}): Promise<RunningCloud> {
  // On PostgreSQL, a cloud that would seed the default demo tenant starts from a seeded copy.
  const seeded = options.seed !== false && options.demoDomains === undefined;
  return startCloud({ port: 0, ...options, db: options.db ?? (await freshTestDb({ seeded })) });
}

export interface RequestOptions {
  /** Sent as JSON; ignored when rawBody is given. */
  body?: unknown;
  /** Sent verbatim (invalid JSON, huge payloads, ...). */
  rawBody?: string | Uint8Array;
  /** Content-Type for a body; null sends none. Defaults to application/scim+json. */
  contentType?: string | null;
  headers?: Record<string, string>;
}

export async function httpRequest(
  method: string,
  url: string,
  opts: RequestOptions = {},
  defaultHeaders: Record<string, string> = {},
  defaultContentType = SCIM_JSON,
): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...defaultHeaders };
  let body: string | Uint8Array | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) {
    const ct = opts.contentType === undefined ? defaultContentType : opts.contentType;
    if (ct !== null) headers['content-type'] = ct;
  }
  Object.assign(headers, opts.headers);
  const res = await fetch(url, { method, headers, body: body as BodyInit | undefined });
  const text = await res.text();
  let parsed: Body;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Builds a query string with %20-encoded spaces, the way IdP SCIM clients send filters. */
export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

async function ok(res: Promise<HttpResponse>, what: string): Promise<Body> {
  const r = await res;
  if (r.status < 200 || r.status >= 300) {
    throw new Error(`${what} failed with HTTP ${r.status}: ${r.text}`);
  }
  return r.body;
}

export interface SyncLogQuery {
  idpId?: string;
  entityType?: string;
  entityName?: string;
  method?: string;
  status?: number;
  duration?: string;
  limit?: number;
  offset?: number;
}

/** A client of the admin API (`/api/admin`, bearer admin token). */
export function admin(cloud: CloudAddress, token: string | null = cloud.adminToken) {
  const auth: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const request = (method: string, path: string, opts: RequestOptions = {}) =>
    httpRequest(method, `${cloud.baseUrl}/api/admin${path}`, opts, auth, 'application/json');
  return {
    request,
    get: (path: string) => request('GET', path),
    post: (path: string, body?: unknown) => request('POST', path, { body: body ?? {} }),
    patch: (path: string, body: unknown) => request('PATCH', path, { body }),
    delete: (path: string) => request('DELETE', path),

    async idps(): Promise<IdpConfig[]> {
      return ok(request('GET', '/idps'), 'GET /idps');
    },
    /** The IdP with exactly this name, or else the only one whose name contains it (any case). */
    async idp(name: string): Promise<IdpConfig> {
      const all = await this.idps();
      const exact = all.find((i) => i.name === name);
      if (exact) return exact;
      const like = all.filter((i) => i.name.toLowerCase().includes(name.toLowerCase()));
      if (like.length !== 1) {
        throw new Error(
          `No single IdP named like "${name}" in ${all.map((i) => i.name).join(', ')}`,
        );
      }
      return like[0]!;
    },
    async updateIdp(id: string, patch: Record<string, unknown>): Promise<IdpConfig> {
      return ok(request('PATCH', `/idps/${id}`, { body: patch }), `PATCH /idps/${id}`);
    },
    async newScimToken(id: string): Promise<string> {
      const body = await ok(request('POST', `/idps/${id}/scim-token`, { body: {} }), 'scim-token');
      return body.token as string;
    },
    async syncLogs(q: SyncLogQuery): Promise<{ total: number; entries: ScimSyncLogEntry[] }> {
      const qs = query(q as Record<string, string | number | undefined>);
      return ok(request('GET', `/scim-sync-logs${qs}`), 'GET /scim-sync-logs');
    },
    async advanceClock(by: { ms?: number; minutes?: number; hours?: number; days?: number }) {
      return ok(request('POST', '/clock/advance', { body: by }), 'POST /clock/advance');
    },
  };
}

export type AdminClient = ReturnType<typeof admin>;

/**
 * A client of one SCIM service provider. Paths are relative to the endpoint ("/Users?...").
 * `token: null` sends no Authorization header.
 */
export function scim(endpoint: string, token: string | null, userAgent?: string) {
  const base = withoutTrailingSlashes(endpoint);
  const defaults: Record<string, string> = { accept: SCIM_JSON };
  if (token !== null) defaults.authorization = `Bearer ${token}`;
  if (userAgent !== undefined) defaults['user-agent'] = userAgent;
  const request = (method: string, path: string, opts: RequestOptions = {}) =>
    httpRequest(method, path.startsWith('http') ? path : `${base}${path}`, opts, defaults);
  return {
    endpoint: base,
    request,
    get: (path: string, headers?: Record<string, string>) => request('GET', path, { headers }),
    post: (path: string, body: unknown, headers?: Record<string, string>) =>
      request('POST', path, { body, headers }),
    put: (path: string, body: unknown, headers?: Record<string, string>) =>
      request('PUT', path, { body, headers }),
    patch: (path: string, body: unknown, headers?: Record<string, string>) =>
      request('PATCH', path, { body, headers }),
    /** PATCH with a PatchOp message wrapping the operations. */
    patchOps: (path: string, operations: unknown[], headers?: Record<string, string>) =>
      request('PATCH', path, { body: { schemas: [PATCH_OP], Operations: operations }, headers }),
    delete: (path: string, headers?: Record<string, string>) =>
      request('DELETE', path, { headers }),
  };
}

export type ScimClient = ReturnType<typeof scim>;

/** Turns SCIM Sync on for the named IdP and generates its bearer token. */
export async function enableScim(
  cloud: CloudAddress,
  idpName: string,
): Promise<{ endpoint: string; token: string; idp: IdpConfig }> {
  const api = admin(cloud);
  const found = await api.idp(idpName);
  await api.updateIdp(found.id, { scimSyncEnabled: true });
  const token = await api.newScimToken(found.id);
  const idp = (await ok(api.get(`/idps/${found.id}`), 'GET /idps/{id}')) as IdpConfig;
  return { endpoint: idp.scimEndpoint, token, idp };
}

/** Asserts a SCIM error response (RFC 7644 §3.12): status, body shape, optional scimType. */
export function expectScimError(res: HttpResponse, status: number, scimType?: string | string[]) {
  expect(res.status, `expected HTTP ${status}, got ${res.status}: ${res.text}`).toBe(status);
  expect(res.headers.get('content-type') ?? '').toContain(SCIM_JSON);
  expect(res.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status) });
  expect(typeof res.body.detail).toBe('string');
  if (scimType !== undefined) {
    const allowed = Array.isArray(scimType) ? scimType : [scimType];
    expect(allowed, `scimType was ${String(res.body.scimType)}: ${res.body.detail}`).toContain(
      res.body.scimType,
    );
  }
}

/** Asserts a 2xx with the given status and returns the body. */
export function expectStatus(res: HttpResponse, status: number): Body {
  expect(res.status, `expected HTTP ${status}, got ${res.status}: ${res.text}`).toBe(status);
  return res.body;
}

/** Asserts a SCIM ListResponse and returns it. */
export function expectList(res: HttpResponse): Body {
  expectStatus(res, 200);
  expect(res.body.schemas).toEqual([LIST_RESPONSE]);
  expect(Number.isInteger(res.body.totalResults)).toBe(true);
  expect(Number.isInteger(res.body.startIndex)).toBe(true);
  expect(Number.isInteger(res.body.itemsPerPage)).toBe(true);
  const resources: unknown[] = res.body.Resources ?? [];
  expect(Array.isArray(resources)).toBe(true);
  expect(res.body.itemsPerPage).toBe(resources.length);
  return { ...res.body, Resources: resources };
}

/** Resolves after ms milliseconds. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Retries an assertion until it passes or `timeoutMs` elapses, for effects that land just after a
 * response (the sync log is written when the response has been sent).
 */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(25);
    }
  }
}
