/**
 * One route of the cloud's HTTP API, described once: method, path (OpenAPI style, `{param}`),
 * who may call it, and zod schemas for its params, query, body and success response. The
 * cloud's routes take their validation from it, the clients their types, and
 * GET /api/openapi.json its document.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `admin`: bearer admin token; `session`: bearer connector session token; `none`: open. */
export type RouteAuth = 'admin' | 'session' | 'none';

export interface RouteDef {
  method: HttpMethod;
  path: string;
  auth: RouteAuth;
  summary: string;
  /** The success status (200 unless said). */
  status?: number;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success body; absent for an empty one (204), z.unknown() when not described further. */
  response?: z.ZodType;
  /** Sent as something other than JSON (a ZIP, HTML). */
  responseType?: string;
  /** Largest request body accepted, when not the cloud's default (1 MiB). */
  bodyLimit?: number;
}

/** Keeps the literal types of a table of routes while checking each entry. */
export const routes = <T extends Record<string, RouteDef>>(table: T): T => table;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a route handler receives, validated and with defaults applied. */
export interface RouteInput<D extends RouteDef> {
  params: Out<D['params']>;
  query: Out<D['query']>;
  body: Out<D['body']>;
}

/** What a client sends (before defaults). */
export interface RouteRequest<D extends RouteDef> {
  params: In<D['params']>;
  query: In<D['query']>;
  body: In<D['body']>;
}

export type RouteResponse<D extends RouteDef> = D['response'] extends z.ZodType
  ? z.output<D['response']>
  : void;

/** Fills `{param}` placeholders, each value URL-encoded. */
export function routePath(def: RouteDef, params: Record<string, string> = {}): string {
  return def.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${def.path}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
