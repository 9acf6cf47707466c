/** The SCIM benchmark's phases, each driven the way Okta provisions: creates, lookups, deactivations. */
import {
  DEACTIVATE_BODY,
  caseVariant,
  createBodyOf,
  filterQuery,
  userNameOf,
} from './okta-directory.js';
import { runPhase, type Limit } from './phase.js';
import { expectStatus, listResources, parseJson, type ScimClient } from './scim-client.js';
import type { CloudProcess } from './server.js';
import { Errors, Latencies } from './stats.js';

/** What one server holds of the synthetic directory: users 0 … size-1, with their SCIM ids. */
export interface Directory {
  ids: (string | undefined)[];
  /** Users created (or attempted) so far: the next create takes this index. */
  size: number;
  /** Deactivations sent so far: the next one takes this position in the shuffled order. */
  deactivated: number;
}

export const emptyDirectory = (): Directory => ({ ids: [], size: 0, deactivated: 0 });

/** Where a phase runs: the server (for its CPU), its SCIM client and its directory. */
export interface Target {
  server: CloudProcess;
  client: ScimClient;
  dir: Directory;
}

/** Expected operations for a phase's latency buffers (they grow when a phase does more). */
const expected = (limit: Limit) => (Number.isFinite(limit.ops) ? limit.ops : 4096);

/**
 * Okta's push of new users, from the directory's next index on: look the userName up, and POST
 * it when the lookup finds nothing (or only the POST, `withLookup` false, for a bulk grow).
 */
export function createPhase(
  { server, client, dir }: Target,
  limit: Limit,
  concurrency: number,
  withLookup: boolean,
  name: string,
  quiet = false,
) {
  const lookupLat = new Latencies(withLookup ? expected(limit) : 0);
  const postLat = new Latencies(expected(limit));
  const errors = new Errors();
  const usersPath = `${client.prefix}/Users`;
  const kinds: [string, Latencies][] = withLookup
    ? [
        ['GET lookup', lookupLat],
        ['POST', postLat],
      ]
    : [['POST', postLat]];
  return runPhase(
    server,
    name,
    'creates',
    limit,
    concurrency,
    kinds,
    errors,
    async () => {
      const i = dir.size++;
      const userName = userNameOf(i);
      if (withLookup) {
        const path = `${usersPath}?${filterQuery(userName)}&startIndex=1&count=100`;
        const reply = await client.call('GET', path, undefined, lookupLat, errors, 'lookup');
        if (!reply || !expectStatus(reply, 200, errors, 'lookup')) return;
        const body = parseJson(reply, errors, 'lookup');
        const resources = body && listResources(body, errors, 'lookup');
        if (!resources) return;
        if (resources.length !== 0) {
          errors.add('lookup: found a user before it was created', userName);
          const id = resources[0]!.id;
          if (typeof id === 'string') dir.ids[i] = id;
          return;
        }
      }
      const reply = await client.call(
        'POST',
        usersPath,
        createBodyOf(i, userName),
        postLat,
        errors,
        'POST',
      );
      if (!reply || !expectStatus(reply, 201, errors, 'POST')) return;
      const body = parseJson(reply, errors, 'POST');
      if (!body) return;
      if (typeof body.id !== 'string' || body.userName !== userName || body.active !== true) {
        errors.add(
          'POST: created resource does not echo id, userName and active',
          reply.text.slice(0, 300),
        );
      }
      if (typeof body.id === 'string') dir.ids[i] = body.id;
    },
    quiet,
  );
}

/**
 * Lookups of random users among the first `population` (a quarter upper-cased, a quarter
 * capitalized); `random` is seeded, so the cloud and the ceiling look up the same users.
 */
export function lookupPhase(
  { server, client, dir }: Target,
  population: number,
  limit: Limit,
  concurrency: number,
  random: () => number,
  name: string,
  quiet = false,
) {
  const lat = new Latencies(expected(limit));
  const errors = new Errors();
  const usersPath = `${client.prefix}/Users?`;
  return runPhase(
    server,
    name,
    'lookups',
    limit,
    concurrency,
    [['GET lookup', lat]],
    errors,
    async (k) => {
      const i = Math.floor(random() * population);
      const userName = userNameOf(i);
      const path = usersPath + filterQuery(caseVariant(userName, k));
      const reply = await client.call('GET', path, undefined, lat, errors, 'lookup');
      if (!reply || !expectStatus(reply, 200, errors, 'lookup')) return;
      const body = parseJson(reply, errors, 'lookup');
      const resources = body && listResources(body, errors, 'lookup');
      if (!resources) return;
      if (resources.length !== 1) {
        errors.add(`lookup: ${resources.length} resources instead of 1`, `userName ${userName}`);
        return;
      }
      const found = resources[0]!;
      if (found.userName !== userName) {
        errors.add('lookup: wrong userName', `wanted ${userName}, got ${String(found.userName)}`);
      } else if (dir.ids[i] !== undefined && found.id !== dir.ids[i]) {
        errors.add(
          'lookup: wrong id',
          `${userName}: wanted ${dir.ids[i]}, got ${String(found.id)}`,
        );
      }
    },
    quiet,
  );
}

/** The first `population` user indices in a seeded random order, for distinct deactivations. */
export function shuffled(population: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: population }, (_, i) => i);
  for (let k = population - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    const t = order[k]!;
    order[k] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * Okta's deactivation: PATCH replace {active:false}, each user once, in the shuffled `order`
 * (the same for the cloud and the ceiling), from where this directory's last phase stopped. Past
 * the end of the order it starts over on users already inactive: the same write, reported.
 */
export function deactivatePhase(
  { server, client, dir }: Target,
  order: Int32Array,
  limit: Limit,
  concurrency: number,
  name: string,
  quiet = false,
) {
  const lat = new Latencies(expected(limit));
  const errors = new Errors();
  return runPhase(
    server,
    name,
    'deactivations',
    limit,
    concurrency,
    [['PATCH', lat]],
    errors,
    async () => {
      const i = order[dir.deactivated++ % order.length]!;
      const id = dir.ids[i];
      if (id === undefined) {
        errors.add('PATCH: user was never created', userNameOf(i));
        return;
      }
      const path = `${client.prefix}/Users/${id}`;
      const reply = await client.call('PATCH', path, DEACTIVATE_BODY, lat, errors, 'PATCH');
      if (!reply || !expectStatus(reply, 200, errors, 'PATCH')) return;
      const body = parseJson(reply, errors, 'PATCH');
      if (body && (body.active !== false || body.id !== id)) {
        errors.add('PATCH: response is not the deactivated user', reply.text.slice(0, 300));
      }
    },
    quiet,
  );
}
