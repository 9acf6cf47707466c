/**
 * The policy benchmark's world: a real PolicyService on an in-memory SQLite store, with an Okta
 * and an Entra IdP, the application segments, the rules (rules.ts) and the request mix.
 */
import { performance } from 'node:perf_hooks';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../../electron/cloud/events.js';
import { IdpService } from '../../../electron/cloud/idp-config/idp-service.js';
import { PolicyService } from '../../../electron/cloud/policy/service.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import type { AppRequest, AppSegment } from '../../../shared/model/policy.js';
import { prng } from '../scim/stats.js';
import { DAY, insertScimGroups } from './directory.js';
import { SEED, SEGMENTS } from './options.js';
import { createRules } from './rules.js';

/** A seeded pick of one element of a list. */
export type Pick = <T>(list: readonly T[]) => T;

export interface World {
  store: Store;
  clock: SimulatedClock;
  policy: PolicyService;
  oktaId: string;
  entraId: string;
  segments: AppSegment[];
  requests: AppRequest[];
  setupMs: { policy: number; compile: number };
}

export function buildWorld(): World {
  const rand = prng(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const store = openSqliteStore(':memory:');
  const clock = new SimulatedClock(() => Date.parse('2026-03-01T09:00:00Z'));
  const events = new CloudEvents();
  const idps = new IdpService(store, clock, events, () => 'http://bench');
  const okta = idps.create({
    name: 'Okta',
    protocol: 'saml',
    vendor: 'okta',
    domains: ['acme.example'],
    samlAttributesForPolicy: true,
    scimSyncEnabled: true,
    scimAttributesForPolicy: true,
  });
  const entra = idps.create({
    name: 'Entra',
    protocol: 'saml',
    vendor: 'entra',
    domains: ['contoso.example'],
    samlAttributesForPolicy: true,
  });
  clock.advance(3 * DAY); // most sessions are newer than "SCIM Attributes for Policy" first on
  insertScimGroups(store, okta.id, clock.now());
  const policy = new PolicyService(store, clock, events, idps);
  const t0 = performance.now();

  const groups = Array.from(
    { length: 20 },
    (_, i) => policy.createSegmentGroup({ name: `Group ${i + 1}` }).id,
  );
  const segments = createSegments(policy, groups, pick);
  createRules(store, policy, { segments, groups, oktaId: okta.id, entraId: entra.id }, rand, pick);
  const policyMs = performance.now() - t0;
  const t1 = performance.now();
  policy.compiled();
  const compileMs = performance.now() - t1;
  const requests = requestMix(segments, rand, pick);
  return {
    store,
    clock,
    policy,
    oktaId: okta.id,
    entraId: entra.id,
    segments,
    requests,
    setupMs: { policy: policyMs, compile: compileMs },
  };
}

/** SEGMENTS application segments, spread over the segment groups. */
function createSegments(policy: PolicyService, groups: string[], pick: Pick): AppSegment[] {
  const segments: AppSegment[] = [];
  for (let i = 0; i < SEGMENTS; i++) {
    // 30% wildcards, some nested under others.
    const domain =
      i % 10 === 9
        ? `*.env${i}.apps${i % 7}.acme.example`
        : i % 10 >= 7
          ? `*.apps${i}.acme.example`
          : `app${i}.${pick(['acme.example', 'corp.acme.example', 'contoso.example'])}`;
    const ports = pick([
      [443],
      [80, 443],
      [22, 443],
      [8443],
      [3389],
      [5432],
      [8080, 8090],
    ] as const);
    segments.push(
      policy.createSegment({
        name: `Segment ${i}`,
        domains: [domain],
        tcpPortRanges:
          ports[0] === 8080 ? [{ from: 8080, to: 8090 }] : ports.map((p) => ({ from: p, to: p })),
        segmentGroupId: groups[i % groups.length]!,
        bypassType: i % 50 === 49 ? 'ALWAYS' : 'NEVER',
        enabled: i % 40 !== 39,
      }),
    );
  }
  return segments;
}

/** The request mix: 80% known hosts on a listed port, 10% a port no segment lists, 10% unknown. */
function requestMix(segments: AppSegment[], rand: () => number, pick: Pick): AppRequest[] {
  const requests: AppRequest[] = [];
  for (let i = 0; i < 4096; i++) {
    const r = rand();
    if (r < 0.1) {
      requests.push({ fqdn: `unknown${i}.example.net`, port: 443 });
      continue;
    }
    const s = pick(segments);
    const d = s.domains[0]!;
    const fqdn = d.startsWith('*.') ? `host${i % 37}.${d.slice(2)}` : d;
    const range = pick(s.tcpPortRanges);
    const port = r < 0.2 ? 9999 : range.from + Math.floor(rand() * (range.to - range.from + 1));
    requests.push({ fqdn, port });
  }
  return requests;
}
