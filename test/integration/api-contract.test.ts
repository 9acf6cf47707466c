/**
 * GET /api/openapi.json is generated from the contract, and the README's route tables agree
 * with it: every route the README lists exists with that method, and every admin and connector
 * route of the document is in the README.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import { httpRequest, startTestCloud, type Body } from '../helpers/cloud.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** `GET / PATCH /api/x/{id}` → ['GET /api/x/{}', 'PATCH /api/x/{}'] (parameter names aside). */
function readmeRoutes(markdown: string): Set<string> {
  const out = new Set<string>();
  const cell = new RegExp(
    `\`((?:(?:${METHODS.join('|')}) / )*(?:${METHODS.join('|')})) (/api/[^\`\\s]*)\``,
    'g',
  );
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) continue;
    for (const m of line.matchAll(cell)) {
      for (const method of m[1]!.split(' / ')) out.add(`${method} ${normalise(m[2]!)}`);
    }
  }
  return out;
}

const normalise = (path: string) => path.replace(/\{[^}]*\}/g, '{}');

let cloud: RunningCloud;
let doc: { openapi: string; paths: Record<string, Record<string, unknown>>; servers: unknown };

beforeAll(async () => {
  cloud = await startTestCloud();
  const res = await httpRequest('GET', `${cloud.baseUrl}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => cloud.close());

const documented = () =>
  new Set(
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${normalise(path)}`),
    ),
  );

describe('the API contract', () => {
  it('is published as OpenAPI 3.1 with schemas for bodies, parameters and push messages', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: cloud.baseUrl }]);
    const advance = doc.paths['/api/admin/clock/advance']!.post as Body;
    expect(advance.requestBody.content['application/json'].schema.properties.days).toMatchObject({
      type: 'number',
      maximum: 3650,
    });
    const issues = doc.paths['/api/admin/issues']!.get as Body;
    expect(issues.parameters).toContainEqual(
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
    );
    expect(JSON.stringify(doc)).toContain('"scimUserDisabled"');
  });

  it("matches the README's route tables both ways", () => {
    const readme = readmeRoutes(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'));
    const inDoc = documented();
    expect(readme.size).toBeGreaterThan(40);
    expect([...readme].filter((r) => !inDoc.has(r))).toEqual([]);
    const ours = [...inDoc].filter((r) => /^\w+ \/api\/(admin|connector)\//.test(r));
    expect(ours.filter((r) => !readme.has(r))).toEqual([]);
  });

  it('every route it lists is served (no 404 from the router)', async () => {
    for (const r of documented()) {
      const [method, path] = r.split(' ') as [string, string];
      const res = await httpRequest(method, `${cloud.baseUrl}${path.replace(/\{\}/g, 'x')}`);
      expect(res.text, r).not.toMatch(/Nothing at|No admin route/);
    }
  });
});
