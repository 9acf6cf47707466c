/**
 * GET /api/openapi.json: an OpenAPI 3.1 document generated from the contract's route table
 * with zod's own JSON Schema output (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 */
import { z } from '../zod.js';
import { errorBody } from './errors.js';
import { CLOUD_ROUTES } from './index.js';
import { pushMessage } from './push.js';
import type { RouteDef } from './route.js';

type Json = Record<string, unknown>;

const schema = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

const json = (s: z.ZodType, io: 'input' | 'output') => ({
  'application/json': { schema: schema(s, io) },
});

const ERROR = { description: 'Refused', content: json(errorBody, 'output') };

function parameters(def: RouteDef): Json[] {
  const out: Json[] = [];
  for (const [where, s] of [
    ['path', def.params],
    ['query', def.query],
  ] as const) {
    if (!s) continue;
    const { properties = {}, required = [] } = schema(s, 'input') as {
      properties?: Record<string, Json>;
      required?: string[];
    };
    for (const [name, p] of Object.entries(properties)) {
      out.push({
        name,
        in: where,
        required: where === 'path' || required.includes(name),
        schema: p,
      });
    }
  }
  return out;
}

function operation(name: string, def: RouteDef): Json {
  const status = String(def.status ?? (def.response || def.responseType ? 200 : 204));
  const success: Json = { description: def.summary };
  if (def.responseType) success.content = { [def.responseType]: {} };
  else if (def.response) success.content = json(def.response, 'output');
  return {
    operationId: name,
    summary: def.summary,
    ...(def.auth === 'none' ? { security: [] } : { security: [{ [def.auth]: [] }] }),
    parameters: parameters(def),
    ...(def.body ? { requestBody: { required: true, content: json(def.body, 'input') } } : {}),
    responses: {
      [status]: success,
      '400': ERROR,
      ...(def.auth === 'none' ? {} : { '401': ERROR }),
    },
  };
}

export function openApiDocument(serverUrl?: string): Json {
  const paths: Record<string, Json> = {};
  for (const [name, def] of Object.entries(CLOUD_ROUTES) as [string, RouteDef][]) {
    (paths[def.path] ??= {})[def.method.toLowerCase()] = operation(name, def);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Client Connector Simulator: mock private-access cloud',
      version: '1',
      description:
        'Admin, connector, support and diagnostics routes. The push channel is a WebSocket at ' +
        '/api/connector/events (bearer session token); its messages are components.schemas.PushMessage.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        admin: { type: 'http', scheme: 'bearer', description: 'the admin token' },
        session: { type: 'http', scheme: 'bearer', description: 'a connector session token' },
      },
      schemas: {
        Error: schema(errorBody, 'output'),
        PushMessage: schema(pushMessage, 'output'),
      },
    },
  };
}
