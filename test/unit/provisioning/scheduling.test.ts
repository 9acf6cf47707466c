/**
 * The push engine's scheduling on the simulated clock, against a stub SCIM server: Entra's
 * initial and 40-minute incremental cycles, collapsing of due ticks, quarantine back-off and
 * restart, Ping's one-minute polls, Okta's retry after 429. Real time is frozen (or moved by
 * hand), so only the simulated clock makes work due.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IdpService } from '../../../electron/cloud/idp-config/idp-service.js';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../../electron/cloud/events.js';
import { DirectoryService } from '../../../electron/cloud/idp/directory/index.js';
import {
  startProvisioning,
  type ProvisioningEngine,
} from '../../../electron/cloud/idp/provisioning/engine.js';
import {
  cycleFailed,
  quarantineRetryAt,
} from '../../../electron/cloud/idp/provisioning/schedule.js';
import { ProvisioningService } from '../../../electron/cloud/idp/provisioning/index.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import type { IdpVendor } from '../../../shared/model/idp.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-01-05T09:00:00Z');

interface StubRequest {
  method: string;
  url: string;
  body: unknown;
}

/** A minimal SCIM service provider that records requests and can be told to refuse them. */
async function stubScim() {
  const requests: StubRequest[] = [];
  const users = new Map<string, Record<string, unknown>>();
  let next = 0;
  const stub = {
    requests,
    users,
    /** Answers every request with this status (e.g. 401) while set. */
    refuseWith: null as number | null,
    /** Answers this many POST /Users with 429 Retry-After: 1. */
    throttlePosts: 0,
    server: null as unknown as Server,
    url: '',
  };
  const send = (res: ServerResponse, status: number, body?: unknown, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/scim+json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const list = (items: unknown[]) => ({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: items.length,
    startIndex: 1,
    itemsPerPage: items.length,
    Resources: items,
  });
  stub.server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      const url = req.url!.replace(/^\/scim/, '');
      requests.push({ method: req.method!, url, body });
      if (stub.refuseWith !== null) {
        return send(res, stub.refuseWith, { status: String(stub.refuseWith), detail: 'refused' });
      }
      const [path, query = ''] = url.split('?');
      const filter = new URLSearchParams(query).get('filter');
      const wanted = /eq "(.*)"/.exec(filter ?? '')?.[1];
      if (req.method === 'GET' && path === '/Users') {
        return send(res, 200, list([...users.values()].filter((u) => u.userName === wanted)));
      }
      if (req.method === 'GET' && path === '/Groups') return send(res, 200, list([]));
      if (req.method === 'POST' && path === '/Users') {
        if (stub.throttlePosts > 0) {
          stub.throttlePosts--;
          return send(res, 429, { status: '429', detail: 'slow down' }, { 'retry-after': '1' });
        }
        const u = { ...body, id: `u${++next}` };
        users.set(u.id, u);
        return send(res, 201, u);
      }
      if (req.method === 'POST') return send(res, 201, { ...body, id: `g${++next}` });
      if (req.method === 'DELETE') return send(res, 204);
      const id = path!.split('/')[2]!;
      return send(res, 200, { ...(users.get(id) ?? {}), id });
    });
  });
  await new Promise<void>((r) => stub.server.listen(0, '127.0.0.1', r));
  stub.url = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}/scim`;
  return stub;
}

type Stub = Awaited<ReturnType<typeof stubScim>>;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A cloud context without HTTP: store, clock with controllable real time, one IdP with users. */
async function setup(vendor: IdpVendor, users = 2) {
  let real = T0;
  const clock = new SimulatedClock(() => real);
  const store: Store = openSqliteStore(':memory:');
  const events = new CloudEvents();
  const idps = new IdpService(store, clock, events, (id) => `http://127.0.0.1/scim/t/${id}/v2`);
  const idp = idps.create({ name: `Test ${vendor}`, protocol: 'saml', vendor });
  const dir = new DirectoryService(store, clock, events, idps);
  const prov = new ProvisioningService(store, clock, events, idps, dir);
  const group = dir.createGroup(idp.id, { name: 'ZPA Users' });
  for (let i = 0; i < users; i++) {
    const u = dir.createUser(idp.id, {
      userName: `user${i}@example.com`,
      givenName: `User${i}`,
      familyName: 'Test',
    });
    dir.addMembers(idp.id, group.id, [u.id]);
  }
  dir.assignGroup(idp.id, group.id, true);
  const stub = await stubScim();
  const engine: ProvisioningEngine = startProvisioning(
    { store, clock, events, idps, provisioning: prov },
    { tickMs: 5 },
  );
  cleanup.push(async () => {
    await engine.close();
    await new Promise((r) => stub.server.close(r));
    await store.close();
  });
  return {
    clock,
    idp,
    dir,
    prov,
    engine,
    stub,
    group,
    setReal: (ms: number) => (real = ms),
    enable: (vendorOptions?: Record<string, unknown>) =>
      prov.configure(idp.id, { enabled: true, baseUrl: stub.url, token: 't', vendorOptions }),
    idle: () => engine.idle(idp.id),
    entra: () => prov.status(idp.id).vendorState as Record<string, unknown> & { cycles: number },
  };
}

const writes = (s: Stub) => s.requests.filter((r) => r.method !== 'GET');

describe('Entra ID cycles', () => {
  it('runs the initial cycle at once, then one cycle every 40 simulated minutes', async () => {
    const t = await setup('entra');
    t.enable();
    await t.idle();
    expect(t.entra()).toMatchObject({ cycles: 1, initialCycleDone: true });
    expect(t.stub.users.size).toBe(2);
    const requests = t.stub.requests.length;

    t.clock.advance(39 * MINUTE);
    await t.idle();
    expect(t.entra().cycles).toBe(1);
    expect(t.stub.requests.length).toBe(requests);

    t.clock.advance(MINUTE);
    await t.idle();
    expect(t.entra()).toMatchObject({ cycles: 2, lastCycle: { kind: 'incremental' } });
    // Nothing changed: the incremental cycle only probes.
    expect(t.stub.requests.length).toBe(requests + 1);
    expect(t.stub.requests.at(-1)!.url).toMatch(
      /^\/Users\?filter=userName%20eq%20%22[0-9a-f-]{36}%22$/,
    );
  });

  it('collapses many due ticks into one cycle and schedules the next 40 minutes after it', async () => {
    const t = await setup('entra');
    t.enable();
    await t.idle();
    t.clock.advance(5 * HOUR);
    await t.idle();
    const st = t.entra();
    expect(st.cycles).toBe(2);
    expect(Date.parse(st.nextCycleAt as string)).toBe(t.clock.now() + 40 * MINUTE);
  });

  it('picks up a directory change only at the next cycle', async () => {
    const t = await setup('entra');
    t.enable();
    await t.idle();
    const [u] = t.dir.listUsers(t.idp.id);
    const before = t.stub.requests.length;
    t.dir.updateUser(t.idp.id, u!.id, { title: 'Buyer' });
    await t.idle();
    expect(t.stub.requests.length).toBe(before);
    t.clock.advance(40 * MINUTE);
    await t.idle();
    const patch = writes(t.stub).find((r) => r.method === 'PATCH' && r.url.startsWith('/Users/'));
    expect(patch?.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'title', value: 'Buyer' }],
    });
  });

  it('runs a due cycle from the real-time interval too, without a fast-forward', async () => {
    const t = await setup('entra');
    t.enable();
    await t.idle();
    t.setReal(T0 + 41 * MINUTE);
    await expect.poll(() => t.entra().cycles, { timeout: 2000 }).toBe(2);
  });

  it('quarantine: 6 h, 12 h, 24 h after the first failure, then daily; restart clears it', async () => {
    const t = await setup('entra');
    t.stub.refuseWith = 401;
    t.enable();
    await t.idle();
    let st = t.entra() as unknown as {
      cycles: number;
      status: string;
      quarantine: { since: string; failedCycles: number; reason: string };
      nextCycleAt: string;
    };
    expect(st.status).toBe('quarantined');
    expect(st.quarantine).toMatchObject({
      reason: 'EncounteredQuarantineException',
      failedCycles: 1,
    });
    const since = Date.parse(st.quarantine.since);
    expect(Date.parse(st.nextCycleAt)).toBe(since + 6 * HOUR);

    for (const [hours, failedCycles] of [
      [6, 2],
      [12, 3],
      [24, 4],
      [48, 5],
    ] as const) {
      t.clock.advance(since + hours * HOUR - t.clock.now() - MINUTE);
      await t.idle();
      expect(t.entra().cycles).toBe(failedCycles - 1);
      t.clock.advance(MINUTE);
      await t.idle();
      st = t.entra() as unknown as typeof st;
      expect(st.quarantine.failedCycles).toBe(failedCycles);
    }
    expect(Date.parse(st.nextCycleAt)).toBe(since + 72 * HOUR);

    t.stub.refuseWith = null;
    t.prov.restart(t.idp.id);
    await t.idle();
    expect(t.entra()).toMatchObject({
      status: 'running',
      quarantine: null,
      initialCycleDone: true,
    });
    expect(t.stub.users.size).toBe(2);
  });

  it('disables the job after four weeks in quarantine', async () => {
    const t = await setup('entra');
    t.stub.refuseWith = 401;
    t.enable();
    await t.idle();
    for (let day = 0; day < 30; day++) {
      t.clock.advance(24 * HOUR);
      await t.idle();
    }
    expect(t.entra()).toMatchObject({ status: 'disabled', nextCycleAt: null });
    expect(t.prov.config(t.idp.id).enabled).toBe(false);
  });

  it('the failure rule: the probe refused, or more than half of the requests failed', () => {
    expect(cycleFailed(1, 1, true)).toBe(true);
    expect(cycleFailed(10, 6, false)).toBe(true);
    expect(cycleFailed(10, 5, false)).toBe(false);
    expect(cycleFailed(0, 0, false)).toBe(false);
    expect(quarantineRetryAt(0, 1)).toBe(6 * HOUR);
    expect(quarantineRetryAt(0, 3)).toBe(24 * HOUR);
    expect(quarantineRetryAt(0, 6)).toBe(96 * HOUR);
  });
});

describe('PingFederate polls', () => {
  it('polls every simulated minute; several due polls collapse into one', async () => {
    const t = await setup('ping');
    t.enable();
    await t.idle();
    const polls = () => (t.prov.status(t.idp.id).vendorState as { polls: number }).polls;
    expect(polls()).toBe(1);
    expect(t.stub.users.size).toBe(2);
    t.clock.advance(59_000);
    await t.idle();
    expect(polls()).toBe(1);
    t.clock.advance(1_000);
    await t.idle();
    expect(polls()).toBe(2);
    t.clock.advance(10 * MINUTE);
    await t.idle();
    expect(polls()).toBe(3);
  });
});

describe('PingFederate updates', () => {
  it('sends PATCH with lowercase ops when updateMethod is "patch", PUT by default', async () => {
    const t = await setup('ping', 1);
    t.enable({ updateMethod: 'patch' });
    await t.idle();
    const [u] = t.dir.listUsers(t.idp.id);
    t.dir.updateUser(t.idp.id, u!.id, { title: 'Engineer', department: 'R&D' });
    t.clock.advance(MINUTE);
    await t.idle();
    const patch = writes(t.stub).find((r) => r.method === 'PATCH' && r.url.startsWith('/Users/'));
    expect(patch?.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        {
          op: 'replace',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
          value: 'R&D',
        },
        { op: 'replace', path: 'title', value: 'Engineer' },
      ],
    });
    // Options merge key by key (a partial update), so PUT is asked for by name.
    t.prov.configure(t.idp.id, { vendorOptions: { updateMethod: 'put' } });
    t.dir.updateUser(t.idp.id, u!.id, { title: 'Lead' });
    t.clock.advance(MINUTE);
    await t.idle();
    const put = writes(t.stub).find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({ userName: 'user0@example.com', title: 'Lead', active: true });
  });
});

describe('Okta pushes', () => {
  it('pushes a new assignment at once, and retries a 429 after its Retry-After', async () => {
    const t = await setup('okta', 0);
    t.enable();
    await t.idle();
    t.stub.throttlePosts = 1;
    const u = t.dir.createUser(t.idp.id, {
      userName: 'new@example.com',
      givenName: 'N',
      familyName: 'U',
    });
    t.dir.assignUsers(t.idp.id, [u.id], true);
    await t.idle();
    const state = () => t.prov.objectStatus(t.idp.id, 'user', u.id);
    expect(state()).toMatchObject({ state: 'failed', lastResult: { status: 429 } });
    expect(Date.parse(state().retryAt!)).toBe(t.clock.now() + 1000);

    t.clock.advance(999);
    await t.idle();
    expect(state().state).toBe('failed');
    t.clock.advance(1);
    await t.idle();
    expect(state()).toMatchObject({ state: 'provisioned', attempts: 0, retryAt: null });
    expect(t.stub.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      '/Users',
      '/Users',
    ]);
  });

  it('users assigned before provisioning was enabled are not pushed when it is', async () => {
    const t = await setup('okta', 3);
    t.enable();
    await t.idle();
    expect(t.stub.requests).toEqual([]);
    expect(t.prov.status(t.idp.id).counts.users).toMatchObject({ out_of_sync: 3, total: 3 });
  });
});
