/**
 * Policy engine benchmark: `npm run bench:policy -- [--rules 2000] [--segments 100]
 * [--decisions 200000] [--small 1000] [--big 100000] [--max-seconds 15] [--seed 1] [--rounds 3]`.
 *
 * Builds a realistic policy through the PolicyService (real validation, real SQLite store): 100
 * application segments (exact and wildcard domains) in 20 segment groups, 2,000 access rules
 * mixing APP / APP_GROUP / SAML / SCIM / SCIM_GROUP / IDP / CLIENT_TYPE / PLATFORM criteria in
 * AND and OR conditions, 50 forwarding and 30 timeout rules. Then it measures decisions per second
 * for a realistic request mix (known hosts, wildcard hosts, wrong ports, unknown hosts) with a
 * subject pool of 1,000 and of 100,000 SCIM users:
 *
 * - engine: the pure `decide` over the compiled policy (subjects prepared in memory);
 * - service: `PolicyService.decide(session, request)`, the path the broker takes, in the steady
 *   state of live sessions: the decider keeps each user's SCIM record and groups until a SCIM
 *   write (every session is decided once before timing); the two SQLite reads a user's first
 *   decision makes are timed apart (findByName, groupsOf).
 *
 * Each with the full trace and without; a run stops after --max-seconds. Both pool sizes are
 * measured in each of --rounds rounds, alternating which goes first, and each ratio (big ÷ small)
 * is the median of the rounds' ratios: one pass of each swung from 0.5× to 1.2× for the same code
 * on the quiet machine. It also prints the rules
 * evaluated per decision (the engine's work, which must not depend on the number of users) and
 * the cost of the two SCIM store reads the service makes. It prints figures; it never fails on a
 * timing.
 */
import { DECISIONS, ROUNDS, SEED, args } from './options.js';
import { lookupCosts, measure, type RunResult } from './measure.js';
import { printPolicy, printRatios, printRuns, recordRatios, us } from './report.js';
import { int } from '../scim/stats.js';
import { buildPool } from './user-pool.js';
import { buildWorld } from './world.js';

/** The four runs (engine and service, trace off and full) at one pool size. */
function runsAt(w: ReturnType<typeof buildWorld>, users: number, pools: string[][] | null) {
  const pool = buildPool(w, users);
  if (pools) {
    const [byName, groupsOf] = lookupCosts(w, pool);
    pools.push([int(users), `${int(pool.buildMs)} ms`, us(byName), us(groupsOf)]);
  }
  const results: RunResult[] = [];
  for (const mode of ['engine', 'service'] as const) {
    for (const trace of [false, true]) {
      results.push(measure(mode, w, pool, trace, trace ? Math.ceil(DECISIONS / 4) : DECISIONS));
    }
  }
  return results;
}

function main() {
  console.log(`Policy engine benchmark — node ${process.version}, seed ${SEED}\n`);
  const w = buildWorld();
  printPolicy(w);

  const sizes = [Number(args.small), Number(args.big)] as const;
  const pools: string[][] = [];
  /** Per round: the runs at sizes[0], then the same runs at sizes[1]. */
  const rounds: RunResult[][] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const bigFirst = r % 2 === 1;
    const first = runsAt(w, sizes[bigFirst ? 1 : 0], r === 0 ? pools : null);
    const second = runsAt(w, sizes[bigFirst ? 0 : 1], r === 0 ? pools : null);
    rounds.push(bigFirst ? [...second, ...first] : [...first, ...second]);
  }
  printRuns(rounds.flat(), pools);
  printRatios(rounds, sizes);
  recordRatios(rounds, sizes);
}

main();
