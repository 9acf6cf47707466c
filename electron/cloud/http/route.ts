/**
 * Serves one route of the cloud API contract (shared/contract/cloud-api) on a Fastify scope:
 * the URL and method come from the contract, params, query and body are validated with its
 * schemas before the handler runs (an InvalidInputError, answered 400 by the scope's error
 * handler), and the handler's result is sent with the contract's success status.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {
  RouteDef,
  RouteInput,
  RouteResponse,
} from '../../../shared/contract/cloud-api/route.js';
import { parseInput } from './parse-input.js';

export type RouteHandler<D extends RouteDef> = (
  input: RouteInput<D>,
  req: FastifyRequest,
  reply: FastifyReply,
) => RouteResponse<D> | FastifyReply | Promise<RouteResponse<D> | FastifyReply>;

/** `/api/admin/idps/{id}` under the scope prefix `/api/admin` is Fastify's `/idps/:id`. */
export function fastifyUrl(app: FastifyInstance, def: RouteDef): string {
  if (!def.path.startsWith(app.prefix)) {
    throw new Error(`${def.path} is outside the scope ${app.prefix}`);
  }
  return def.path.slice(app.prefix.length).replace(/\{(\w+)\}/g, ':$1') || '/';
}

export function serve<D extends RouteDef>(
  app: FastifyInstance,
  def: D,
  handler: RouteHandler<D>,
): void {
  app.route({
    method: def.method,
    url: fastifyUrl(app, def),
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    handler: async (req, reply) => {
      const input = {
        params: def.params ? parseInput(def.params, req.params, '(path)') : undefined,
        query: def.query ? parseInput(def.query, req.query, '(query)') : undefined,
        body: def.body ? parseInput(def.body, req.body) : undefined,
      } as RouteInput<D>;
      const result = await handler(input, req, reply);
      if (reply.sent) return reply;
      reply.code(def.status ?? (result === undefined ? 204 : 200));
      return reply.send(result);
    },
  });
}

/** Serves every route of a contract table with its handler (a table of handlers, same keys). */
export function serveAll<T extends Record<string, RouteDef>>(
  app: FastifyInstance,
  table: T,
  handlers: { [K in keyof T]: RouteHandler<T[K]> },
): void {
  for (const name of Object.keys(table) as (keyof T)[]) serve(app, table[name]!, handlers[name]);
}
