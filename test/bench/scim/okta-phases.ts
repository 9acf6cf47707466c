/** The SCIM benchmark's phases, each driven the way Okta provisions: creates, lookups, deactivations. */
import { DEACTIVATE_BODY, caseVariant, createBodyOf, filterQuery } from './okta-directory.js';
import { runPhase } from './phase.js';
import { expectStatus, listResources, parseJson, type ScimClient } from './scim-client.js';
import type { CloudProcess } from './server.js';
import { Errors, Latencies } from './stats.js';

export interface Directory {
  userNames: string[];
  ids: (string | undefined)[];
}

/** Okta's push of a new user: look the userName up, and POST it when the lookup finds nothing. */
export function createPhase(
  server: CloudProcess,
  client: ScimClient,
  dir: Directory,
  from: number,
  to: number,
  concurrency: number,
  withLookup: boolean,
  name: string,
) {
  const n = to - from;
  const lookupLat = new Latencies(withLookup ? n : 0);
  const postLat = new Latencies(n);
  const errors = new Errors();
  const usersPath = `${client.prefix}/Users`;
  return runPhase(
    server,
    name,
    'creates',
    n,
    concurrency,
    withLookup
      ? [
          ['GET lookup', lookupLat],
          ['POST', postLat],
        ]
      : [['POST', postLat]],
    errors,
    async (k) => {
      const i = from + k;
      const userName = dir.userNames[i]!;
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
  );
}

/** Lookups of random existing users by userName (a quarter upper-cased, a quarter capitalized). */
export function lookupPhase(
  server: CloudProcess,
  client: ScimClient,
  dir: Directory,
  population: number,
  lookups: number,
  concurrency: number,
  random: () => number,
  name: string,
) {
  // Pick the users and build the paths before the clock starts.
  const picks = new Int32Array(lookups);
  const paths: string[] = new Array<string>(lookups);
  for (let k = 0; k < lookups; k++) {
    const i = Math.floor(random() * population);
    picks[k] = i;
    paths[k] = `${client.prefix}/Users?${filterQuery(caseVariant(dir.userNames[i]!, k))}`;
  }
  const lat = new Latencies(lookups);
  const errors = new Errors();
  return runPhase(
    server,
    name,
    'lookups',
    lookups,
    concurrency,
    [['GET lookup', lat]],
    errors,
    async (k) => {
      const i = picks[k]!;
      const reply = await client.call('GET', paths[k]!, undefined, lat, errors, 'lookup');
      if (!reply || !expectStatus(reply, 200, errors, 'lookup')) return;
      const body = parseJson(reply, errors, 'lookup');
      const resources = body && listResources(body, errors, 'lookup');
      if (!resources) return;
      const userName = dir.userNames[i]!;
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
  );
}

/** Okta's deactivation: PATCH replace {active:false} on distinct random users. */
export function deactivatePhase(
  server: CloudProcess,
  client: ScimClient,
  dir: Directory,
  population: number,
  count: number,
  concurrency: number,
  random: () => number,
  name: string,
) {
  // A partial Fisher-Yates shuffle picks `count` distinct users.
  const order = Int32Array.from({ length: population }, (_, i) => i);
  for (let k = 0; k < count; k++) {
    const j = k + Math.floor(random() * (population - k));
    const t = order[k]!;
    order[k] = order[j]!;
    order[j] = t;
  }
  const paths = Array.from({ length: count }, (_, k) => {
    const id = dir.ids[order[k]!];
    return id === undefined ? undefined : `${client.prefix}/Users/${id}`;
  });
  const lat = new Latencies(count);
  const errors = new Errors();
  return runPhase(
    server,
    name,
    'deactivations',
    count,
    concurrency,
    [['PATCH', lat]],
    errors,
    async (k) => {
      const path = paths[k];
      if (path === undefined) {
        errors.add('PATCH: user was never created', dir.userNames[order[k]!]!);
        return;
      }
      const reply = await client.call('PATCH', path, DEACTIVATE_BODY, lat, errors, 'PATCH');
      if (!reply || !expectStatus(reply, 200, errors, 'PATCH')) return;
      const body = parseJson(reply, errors, 'PATCH');
      if (body && (body.active !== false || body.id !== dir.ids[order[k]!])) {
        errors.add('PATCH: response is not the deactivated user', reply.text.slice(0, 300));
      }
    },
  );
}
