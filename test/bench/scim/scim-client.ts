/** HTTP for the SCIM benchmark: timed SCIM requests, their checks, and admin API calls. */
import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';
import type { Errors, Latencies } from './stats.js';

export interface Reply {
  status: number;
  text: string;
}

export type Headers = Record<string, string>;

export class ScimClient {
  constructor(
    private readonly pool: Pool,
    readonly prefix: string,
    private readonly readHeaders: Headers,
    private readonly writeHeaders: Headers,
  ) {}

  /** One request, its latency (to the last body byte) recorded; undefined on a network error. */
  async call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body: string | undefined,
    latencies: Latencies,
    errors: Errors,
    kind: string,
  ): Promise<Reply | undefined> {
    const t0 = performance.now();
    try {
      const res = await this.pool.request({
        method,
        path,
        headers: body === undefined ? this.readHeaders : this.writeHeaders,
        body,
      });
      const text = await res.body.text();
      latencies.add(performance.now() - t0);
      return { status: res.statusCode, text };
    } catch (e) {
      latencies.add(performance.now() - t0);
      errors.add(`${kind}: network error`, (e as Error).message);
      return undefined;
    }
  }
}

export function parseJson(
  reply: Reply,
  errors: Errors,
  kind: string,
): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(reply.text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  errors.add(`${kind}: body is not a JSON object`, reply.text.slice(0, 200));
  return undefined;
}

export function expectStatus(reply: Reply, status: number, errors: Errors, kind: string): boolean {
  if (reply.status === status) return true;
  errors.add(`${kind}: status ${reply.status}`, reply.text.slice(0, 300));
  return false;
}

/** The Resources of a ListResponse, or undefined (error counted) if it is not one. */
export function listResources(
  body: Record<string, unknown>,
  errors: Errors,
  kind: string,
): Record<string, unknown>[] | undefined {
  const resources = body.Resources ?? [];
  if (!Array.isArray(resources) || typeof body.totalResults !== 'number') {
    errors.add(`${kind}: not a ListResponse`, JSON.stringify(body).slice(0, 300));
    return undefined;
  }
  if (body.totalResults !== resources.length) {
    errors.add(
      `${kind}: totalResults differs from Resources.length`,
      `totalResults ${body.totalResults}, ${resources.length} resources`,
    );
  }
  return resources as Record<string, unknown>[];
}

export async function adminCall(
  pool: Pool,
  headers: Headers,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  expected: number,
  body?: unknown,
): Promise<unknown> {
  const res = await pool.request({
    method,
    path,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode !== expected) {
    throw new Error(
      `${method} ${path}: expected ${expected}, got ${res.statusCode}: ${text.slice(0, 500)}`,
    );
  }
  return JSON.parse(text) as unknown;
}
