/**
 * Micro-benchmark of the pure SCIM core (no HTTP, no DB): `npx tsx test/bench/scim/core-micro.ts`.
 * Prints operations per second for the hot paths of Okta provisioning; never fails on a timing.
 */
import { performance } from 'node:perf_hooks';
import { compileFilter } from '../../../electron/cloud/scim/filter.js';
import { applyPatch } from '../../../electron/cloud/scim/patch.js';
import { normalizeUserInput } from '../../../electron/cloud/scim/resource.js';
import { PATCH_OP_SCHEMA, USER_SCHEMA } from '../../../electron/cloud/scim/schemas.js';

const stored = normalizeUserInput({
  schemas: [USER_SCHEMA],
  userName: 'test.user@okta.local',
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
  displayName: 'Test User',
  externalId: '00ujl29u0le5T6Aj10h7',
  active: true,
});
const resource = {
  ...stored,
  id: '2819c223-7f76-453a-919d-413861904646',
  meta: {
    resourceType: 'User',
    created: '2024-01-01T00:00:00Z',
    lastModified: '2024-01-01T00:00:00Z',
  },
};

const oktaCreate = () => ({
  schemas: [USER_SCHEMA],
  userName: 'test.user@okta.local',
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
  displayName: 'Test User',
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  password: '1mz050nq',
  active: true,
});
const oktaDeactivate = {
  schemas: [PATCH_OP_SCHEMA],
  Operations: [{ op: 'replace', value: { active: false } }],
};

let sink = 0;

function bench(name: string, fn: (i: number) => unknown, minMs = 1000): void {
  for (let i = 0; i < 2000; i++) fn(i); // warm-up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 1000; i++) if (fn(n + i)) sink++;
    n += 1000;
    elapsed = performance.now() - start;
  }
  const opsPerSec = (n / elapsed) * 1000;
  const usPerOp = (elapsed * 1000) / n;
  console.log(
    `${name.padEnd(58)} ${Math.round(opsPerSec).toLocaleString('en-US').padStart(12)} ops/s  ${usPerOp.toFixed(2).padStart(7)} µs/op`,
  );
}

bench('compileFilter(userName eq "<distinct>") + test', (i) =>
  compileFilter(`userName eq "user${i}"`, 'User').test(resource),
);
bench('applyPatch Okta deactivate {"op":"replace","value":{...}}', () =>
  applyPatch(resource, oktaDeactivate, 'User'),
);
const body = oktaCreate();
bench('normalizeUserInput(Okta create body)', () => normalizeUserInput(body));

if (sink < 0) console.log(sink);
