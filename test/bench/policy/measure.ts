/** The policy benchmark's timed runs: decisions per second, engine alone or through the service. */
import { performance } from 'node:perf_hooks';
import { decide } from '../../../electron/cloud/policy/engine.js';
import type { DecisionOutcome } from '../../../shared/model/policy.js';
import { Latencies, prng } from '../scim/stats.js';
import { MAX_SECONDS, SEED } from './options.js';
import type { Pool } from './user-pool.js';
import type { World } from './world.js';

export interface RunResult {
  mode: string;
  users: number;
  trace: boolean;
  decisions: number;
  /** Rules evaluated per decision, counted from the trace (full-trace runs only). */
  rulesPerDecision: number | null;
  perSec: number;
  /** Decisions per second of this process's CPU: steadier than perSec on a shared machine. */
  perCpuSec: number;
  lat: ReturnType<Latencies['summary']>;
  outcomes: Record<DecisionOutcome, number>;
}

export function measure(
  mode: 'engine' | 'service',
  w: World,
  pool: Pool,
  trace: boolean,
  decisions: number,
): RunResult {
  const rand = prng(SEED * 7 + pool.sessions.length);
  const compiled = w.policy.compiled();
  const idpOf = new Map(
    [w.oktaId, w.entraId].map((id) => [
      id,
      w.policy.inputFor(
        { idpId: id, userName: '', attributes: {}, authTime: 0 },
        { fqdn: '', port: 0 },
      ).idp,
    ]),
  );
  const now = w.clock.now();
  const one = (i: number) => {
    const request = w.requests[i & (w.requests.length - 1)]!;
    const u = Math.floor(rand() * pool.sessions.length);
    if (mode === 'service') return w.policy.decide(pool.sessions[u]!, request, { trace });
    const subject = pool.subjects[u]!;
    return decide(compiled, { request, subject, idp: idpOf.get(subject.idpId)!, now }, { trace });
  };
  if (mode === 'service') {
    // Steady state of live sessions: each has had a decision since the last SCIM write, so the
    // decider keeps its user's SCIM record (the first decision's two store reads are timed apart,
    // in lookupCosts). Same for both pool sizes; a session decided before costs nothing here.
    for (const session of pool.sessions) w.policy.decide(session, w.requests[0]!, { trace: false });
  }
  const warmUpEnd = performance.now() + 2000;
  const warmUps = Math.min(20_000, decisions);
  for (let i = 0; i < warmUps && performance.now() < warmUpEnd; i++) one(i);

  const lat = new Latencies(decisions);
  const outcomes: Record<DecisionOutcome, number> = {
    allowed: 0,
    blocked: 0,
    bypassed: 0,
    reauth_required: 0,
  };
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const deadline = start + MAX_SECONDS * 1000;
  let rules = 0;
  let n = 0;
  for (; n < decisions && (n % 256 !== 0 || performance.now() < deadline); n++) {
    const t = performance.now();
    const d = one(n);
    lat.add((performance.now() - t) * 1000); // µs
    outcomes[d.outcome]++;
    if (trace) for (const e of d.trace) if (e.ruleId !== undefined) rules++;
  }
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    mode,
    users: pool.sessions.length,
    trace,
    decisions: n,
    rulesPerDecision: trace ? rules / n : null,
    perSec: n / elapsed,
    perCpuSec: n / ((cpu.user + cpu.system) / 1e6),
    lat: lat.summary(),
    outcomes,
  };
}

/** The two SCIM store reads of a service decision, timed alone (µs each). */
export function lookupCosts(w: World, pool: Pool): [number, number] {
  const rand = prng(SEED * 13);
  const time = (fn: (i: number) => unknown) => {
    const t = performance.now();
    let n = 0;
    for (; n < 5000 && (n % 16 !== 0 || performance.now() - t < 3000); n++) {
      fn(Math.floor(rand() * pool.sessions.length));
    }
    return ((performance.now() - t) * 1000) / n;
  };
  return [
    time((i) => w.store.scim.findByName('User', w.oktaId, pool.sessions[i]!.userName)),
    time((i) => w.store.scim.groupsOf(w.oktaId, `scim-${i}`)),
  ];
}
