/**
 * A bounded fuzz test generated from the cloud API contract (shared/contract/cloud-api): every
 * route gets malformed, missing, wrong-typed, oversized and boundary input, with and without
 * credentials. Never a 5xx; the cloud stays up; a second identical round does not grow the heap.
 * Deterministic (no randomness) and bounded: about 2,000 requests, some 20 s on a busy 2-core machine.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { CLOUD_ROUTES, type RouteDef } from '../../shared/contract/cloud-api/index.js';
import { httpRequest, startTestCloud } from '../helpers/cloud.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
};

const HUGE = 'x'.repeat(20_000);
const NESTED = [[[[[[[[{}]]]]]]]];
/** Values for one field, from its JSON Schema type: boundaries of its type and other types. */
function valuesFor(s: JsonSchema | undefined): unknown[] {
  const type = Array.isArray(s?.type) ? s.type[0] : s?.type;
  switch (type) {
    case 'string':
      return s?.enum
        ? [String(s.enum[0]).toUpperCase(), 1, null]
        : ['', '\u0000\u202e\ud800', HUGE, 42, null, NESTED];
    case 'number':
    case 'integer':
      return ['1', -1, 1.5, 2 ** 53 + 2, 1e308, null];
    case 'boolean':
      return ['true', 0, null];
    case 'array':
      return ['x', {}, [null], Array.from({ length: 2001 }, (_, i) => i)];
    case 'object':
      return ['x', [], null, NESTED];
    default:
      return [HUGE, NESTED, null];
  }
}
const queryValues = ['', 'abc', '1.5', '-1', '1e400', HUGE];

const inputSchema = (s: z.ZodType | undefined): JsonSchema =>
  s ? (z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : {};

interface Probe {
  path: string;
  query?: string;
  body?: { raw: string } | { json: unknown };
  auth: boolean;
}

/** Every probe of one route, derived from its schemas. */
function probes(def: RouteDef, realIds: Record<string, string>): Probe[] {
  const paramNames = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const fill = (value: (name: string) => string) =>
    def.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(value(n)));
  const real = fill((n) => realIds[n] ?? 'x');
  const out: Probe[] = [
    { path: real, auth: false },
    { path: real, auth: true },
  ];
  for (const v of ['\u0000', HUGE.slice(0, 5000), "1' OR '1'='1"]) {
    out.push({ path: fill(() => v), auth: true });
  }
  if (paramNames.length > 1)
    out.push({ path: fill((n) => (n === 'id' ? realIds.id! : '0')), auth: true });

  const query = inputSchema(def.query).properties ?? {};
  for (const name of Object.keys(query)) {
    for (const v of queryValues)
      out.push({ path: real, query: `${name}=${encodeURIComponent(v)}`, auth: true });
    out.push({ path: real, query: `${name}=1&${name}=2`, auth: true });
  }
  if (def.query) out.push({ path: real, query: 'unknown=1', auth: true });

  if (def.method !== 'GET') {
    for (const raw of ['', '{', 'null', '[]', '{"__proto__":{"x":1}}']) {
      out.push({ path: real, body: { raw }, auth: true });
    }
    out.push({ path: real, body: { raw: `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}` }, auth: true });
    const props = inputSchema(def.body).properties ?? {};
    for (const [name, s] of Object.entries(props)) {
      for (const v of valuesFor(s))
        out.push({ path: real, body: { json: { [name]: v } }, auth: true });
    }
  }
  return out;
}

let cloud: RunningCloud;
let adminToken: string;
let sessionToken: string;
const realIds: Record<string, string> = {};

beforeAll(async () => {
  cloud = await startTestCloud();
  adminToken = cloud.adminToken;
  const idp = cloud.idps.list().find((i) => i.protocol === 'saml')!;
  realIds.id = idp.id;
  sessionToken = cloud.sessions.createSession(
    {
      idpId: idp.id,
      protocol: 'saml',
      userName: 'alice@acme.example',
      attributes: {},
      authTime: cloud.clock.now(),
    },
    'fuzz-device',
  ).sessionToken;
});
afterAll(() => cloud.close());

async function send(def: RouteDef, p: Probe) {
  const headers: Record<string, string> = {};
  if (p.auth) {
    headers.authorization = `Bearer ${def.auth === 'session' ? sessionToken : adminToken}`;
  }
  let raw: string | undefined;
  if (p.body) raw = 'raw' in p.body ? p.body.raw : JSON.stringify(p.body.json);
  const url = `${cloud.baseUrl}${p.path}${p.query ? `?${p.query}` : ''}`;
  return httpRequest(
    def.method,
    url,
    raw === undefined ? { headers } : { rawBody: raw, contentType: 'application/json', headers },
  );
}

/** Destructive routes last, so the others meet real data. */
const ordered = (Object.entries(CLOUD_ROUTES) as [string, RouteDef][]).sort(
  ([, a], [, b]) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
);

async function round(every = 1): Promise<{ requests: number; failures: string[] }> {
  let requests = 0;
  const failures: string[] = [];
  for (const [name, def] of ordered) {
    for (const p of probes(def, realIds).filter((_, i) => i % every === 0)) {
      const res = await send(def, p);
      requests++;
      if (res.status >= 500) {
        const body = p.body ? JSON.stringify(p.body).slice(0, 120) : '';
        failures.push(
          `${name} ${def.method} ${p.path.slice(0, 80)}?${(p.query ?? '').slice(0, 60)} ${body} → ${res.status} ${res.text.slice(0, 120)}`,
        );
      }
    }
  }
  return { requests, failures };
}

function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('fuzzing every route of the contract', () => {
  it('never answers 5xx, stays up, and its memory settles', async () => {
    const started = Date.now();
    const first = await round();
    expect(first.failures).toEqual([]);
    expect(first.requests).toBeGreaterThan(1000);
    const heapBefore = heapAfterGc();
    const second = await round(3);
    expect(second.failures).toEqual([]);
    const growth = heapAfterGc() - heapBefore;
    expect((await httpRequest('GET', `${cloud.baseUrl}/api/health`)).status).toBe(200);
    // The same inputs again must not leave much behind (a leak would grow with every request).
    expect(growth).toBeLessThan(24 * 1024 * 1024);
    console.log(
      `fuzz: ${first.requests + second.requests} requests in ${Date.now() - started} ms, heap growth ${(growth / 1024 / 1024).toFixed(1)} MiB`,
    );
  }, 60_000);
});
