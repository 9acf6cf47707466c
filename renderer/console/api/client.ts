/**
 * The console's one way to the admin API, typed from the cloud's contract (CLOUD_ROUTES): a
 * route is called by its name, its path filled by routePath, its request typed from the route's
 * zod schemas and its answer from the route's response schema. Nothing here restates a path or
 * a method. The admin token goes as a bearer token; errors arrive as ApiError with the API's
 * `{error: {code, message, details}}`.
 */
import type { z } from 'zod';
import { CLOUD_ROUTES, type CloudRouteName } from '../../../shared/contract/cloud-api/index.js';
import { routePath, type RouteDef } from '../../../shared/contract/cloud-api/route.js';
import { withoutTrailingSlashes } from '../../../shared/url.js';

type Routes = typeof CLOUD_ROUTES;
type Def<N extends CloudRouteName> = Routes[N];
type Input<S> = S extends z.ZodType ? z.input<S> : never;

/** The admin routes (bearer admin token): the only ones the console may call. */
export type AdminRouteName = {
  [N in CloudRouteName]: Def<N>['auth'] extends 'admin' ? N : never;
}[CloudRouteName];

/** What a call sends: params and body when the route has them, query always optional. */
export type CallRequest<D extends RouteDef> = (D['params'] extends z.ZodType
  ? { params: Input<D['params']> }
  : { params?: never }) &
  (D['body'] extends z.ZodType ? { body: Input<D['body']> } : { body?: never }) &
  (D['query'] extends z.ZodType ? { query?: Partial<Input<D['query']>> } : { query?: never });

/** The answer: the output of the route's response schema; nothing for a 204. */
export type CallResponse<D extends RouteDef> = D['response'] extends z.ZodType
  ? z.output<D['response']>
  : void;

type Args<D extends RouteDef> =
  object extends CallRequest<D> ? [request?: CallRequest<D>] : [request: CallRequest<D>];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiClient {
  /** Calls an admin route by its contract name; the answer is typed from its response schema. */
  call<N extends AdminRouteName>(name: N, ...args: Args<Def<N>>): Promise<CallResponse<Def<N>>>;
}

/** Turns a query object into a search string (arrays and undefined left out). */
function searchOf(query: Record<string, unknown> | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function errorOf(res: Response): Promise<ApiError> {
  const data = (await res.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  const err = data?.error;
  return new ApiError(
    res.status,
    err?.code ?? 'http_error',
    err?.message ?? `HTTP ${res.status} ${res.statusText}`.trim(),
    err?.details,
  );
}

/**
 * The cloud's base path as the console's page sees it: '' at the root, '/t/3' for a workshop
 * attendee's console at /t/3/admin (their tenant's routes live under that prefix).
 */
export const cloudBasePath = (pathname = window.location.pathname): string =>
  withoutTrailingSlashes(pathname.replace(/\/admin\/?$/, ''));

/** A client sending `token()` (read at each call, so signing out takes effect at once). */
export function createApiClient(token: () => string | null, fetchImpl: typeof fetch = fetch) {
  const client: ApiClient = {
    async call(name, ...args) {
      const def: RouteDef = CLOUD_ROUTES[name];
      const req = (args[0] ?? {}) as {
        params?: Record<string, string>;
        query?: Record<string, unknown>;
        body?: unknown;
      };
      const headers: Record<string, string> = { authorization: `Bearer ${token() ?? ''}` };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetchImpl(
        cloudBasePath() + routePath(def, req.params) + searchOf(req.query),
        {
          method: def.method,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          cache: 'no-store',
          credentials: 'omit',
        },
      );
      if (!res.ok) throw await errorOf(res);
      if (res.status === 204) return undefined as never;
      return (await res.json()) as never;
    },
  };
  return client;
}
