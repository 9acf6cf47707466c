import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import type {
  NewProvisioningLogEntry,
  ProvisioningObjectType,
} from '../../store/provisioning-types.js';
import { withoutTrailingSlashes } from '../../../../shared/url.js';

export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Okta's socket timeout (domain.md §3.1); used for every vendor. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** What the request is for, for the push log. */
export interface CallMeta {
  operation: string;
  objectType?: ProvisioningObjectType;
  objectId?: string;
  name?: string;
}

export interface ScimResponse {
  /** 0 when no HTTP response came (connection refused, timeout, aborted). */
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  durationMs: number;
  scimType: string | null;
  detail: string | null;
  /** Retry-After of a 429 or 503, in ms. */
  retryAfterMs: number | null;
  method: string;
  path: string;
}

/** What the push records keep of a response (the body stays with the request that read it). */
export type ScimResult = Pick<
  ScimResponse,
  'status' | 'scimType' | 'detail' | 'retryAfterMs' | 'method' | 'path'
>;

export const isOk = (r: Pick<ScimResponse, 'status'>) => r.status >= 200 && r.status < 300;

/** Worth retrying later without anyone changing anything: no response, 429, 5xx. */
export const isTransient = (r: Pick<ScimResponse, 'status'>) =>
  r.status === 0 || r.status === 429 || r.status >= 500;

/** Receives every request made, for the push log. */
export type CallRecorder = (entry: NewProvisioningLogEntry) => void;

/** The requests a push client sends (a ScimClient, or a view of one that records elsewhere). */
export interface ScimCalls {
  get(path: string, meta: CallMeta): Promise<ScimResponse>;
  post(path: string, body: unknown, meta: CallMeta): Promise<ScimResponse>;
  put(path: string, body: unknown, meta: CallMeta): Promise<ScimResponse>;
  patch(path: string, operations: unknown[], meta: CallMeta): Promise<ScimResponse>;
  delete(path: string, meta: CallMeta): Promise<ScimResponse>;
}

export interface ScimClientOptions {
  baseUrl: string;
  token: string;
  userAgent: string;
  maxSockets: number;
  /** Called with every request made, for the push log (unless a view records elsewhere). */
  record: CallRecorder;
  now: () => number;
  timeoutMs?: number;
}

/**
 * A SCIM client over real HTTP (undici, keep-alive, at most `maxSockets` connections): bearer
 * token, the vendor's User-Agent, application/scim+json. Never throws for an HTTP or network
 * failure: every outcome is a ScimResponse, and every request is recorded. (undici rather than
 * axios: at thousands of requests per second axios's per-request config merging and adapter
 * cost more CPU than the SCIM server answering them.)
 */
export class ScimClient implements ScimCalls {
  private readonly agent: Agent;
  private readonly controller = new AbortController();
  private readonly readHeaders: Record<string, string>;
  private readonly writeHeaders: Record<string, string>;
  private readonly origin: string;
  /** The base URL's path ("/scim/t/idp/v2"), which every request path extends. */
  private readonly basePath: string;

  constructor(private readonly options: ScimClientOptions) {
    const timeout = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    // Every request in flight listens to the one abort signal: as many as the concurrency.
    setMaxListeners(0, this.controller.signal);
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = withoutTrailingSlashes(base.pathname);
    this.agent = new Agent({
      connections: options.maxSockets,
      connect: { timeout },
      headersTimeout: timeout,
      bodyTimeout: timeout,
      keepAliveTimeout: 60_000,
    });
    this.readHeaders = {
      authorization: `Bearer ${options.token}`,
      accept: `${SCIM_CONTENT_TYPE}, application/json`,
      'user-agent': options.userAgent,
    };
    this.writeHeaders = { ...this.readHeaders, 'content-type': SCIM_CONTENT_TYPE };
  }

  get(path: string, meta: CallMeta) {
    return this.request('GET', path, undefined, meta);
  }
  post(path: string, body: unknown, meta: CallMeta) {
    return this.request('POST', path, body, meta);
  }
  put(path: string, body: unknown, meta: CallMeta) {
    return this.request('PUT', path, body, meta);
  }
  patch(path: string, operations: unknown[], meta: CallMeta) {
    return this.request('PATCH', path, patchBody(operations), meta);
  }
  delete(path: string, meta: CallMeta) {
    return this.request('DELETE', path, undefined, meta);
  }

  /** The same connections, with the requests recorded by `record` (one user's push). */
  recordingTo(record: CallRecorder): ScimCalls {
    const send = (method: string, path: string, body: unknown, meta: CallMeta) =>
      this.request(method, path, body, meta, record);
    return {
      get: (path, meta) => send('GET', path, undefined, meta),
      post: (path, body, meta) => send('POST', path, body, meta),
      put: (path, body, meta) => send('PUT', path, body, meta),
      patch: (path, operations, meta) => send('PATCH', path, patchBody(operations), meta),
      delete: (path, meta) => send('DELETE', path, undefined, meta),
    };
  }

  async request(
    method: string,
    path: string,
    body: unknown,
    meta: CallMeta,
    record: CallRecorder = this.options.record,
  ): Promise<ScimResponse> {
    const started = performance.now();
    const at = this.options.now();
    let res: ScimResponse;
    try {
      const r = await this.agent.request({
        origin: this.origin,
        path: this.basePath + path,
        method,
        headers: body === undefined ? this.readHeaders : this.writeHeaders,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: this.controller.signal,
      });
      const text = await r.body.text();
      const parsed = parseJson(text);
      const error =
        r.statusCode >= 400 ? (parsed as Record<string, unknown> | undefined) : undefined;
      res = {
        status: r.statusCode,
        body: parsed,
        durationMs: round(performance.now() - started),
        scimType: typeof error?.scimType === 'string' ? error.scimType : null,
        detail:
          r.statusCode >= 400
            ? typeof error?.detail === 'string'
              ? error.detail
              : truncate(text) || `HTTP ${r.statusCode}`
            : null,
        retryAfterMs: retryAfter(r.headers['retry-after']),
        method,
        path,
      };
    } catch (e) {
      const err = e as { code?: string; message?: string };
      res = {
        status: 0,
        body: undefined,
        durationMs: round(performance.now() - started),
        scimType: null,
        detail: `${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`,
        retryAfterMs: null,
        method,
        path,
      };
    }
    record({
      at,
      kind: 'request',
      objectType: meta.objectType ?? null,
      objectId: meta.objectId ?? null,
      name: meta.name ?? null,
      operation: meta.operation,
      method,
      path,
      status: res.status,
      scimType: res.scimType,
      detail: res.detail,
      durationMs: res.durationMs,
      request: body === undefined ? null : redact(body),
    });
    return res;
  }

  /** Aborts requests in flight and closes idle connections. */
  close(abort = false) {
    if (abort) this.controller.abort();
    void this.agent.destroy().catch(() => {});
  }
}

const patchBody = (operations: unknown[]) => ({
  schemas: [PATCH_OP_SCHEMA],
  Operations: operations,
});

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfter(header: unknown): number | null {
  if (typeof header !== 'string' || header === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const truncate = (s: string) => (s.length > 500 ? `${s.slice(0, 500)}…` : s);

/** Secrets never reach the push log. */
export function redact(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(redact);
  if (body && typeof body === 'object') {
    return Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        /password|secret|token/i.test(k) ? '***' : redact(v),
      ]),
    );
  }
  return body;
}

/** A SCIM filter query string with %20-encoded spaces, as the IdP clients send it. */
export const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`;

/** Quotes a value for a SCIM filter string literal. */
export const scimString = (value: string) => JSON.stringify(value);
