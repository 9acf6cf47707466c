/**
 * The SCIM benchmark's sequence, the same on the cloud and the ceiling: seed `users` users, time
 * lookups among them, time Okta creates (GET + POST) of new users, grow to `big` users (POST
 * only, one pass), time PATCH deactivations of distinct users, time lookups at the big size.
 * Each timed measure is a set of interleaved rounds (rounds.ts).
 */
import { createPhase, deactivatePhase, lookupPhase, shuffled, type Target } from './okta-phases.js';
import type { Options } from './options.js';
import { forOps, forSeconds, type PhaseResult } from './phase.js';
import { interleave, type Comparison } from './rounds.js';
import { int, prng } from './stats.js';

type Side = 'cloud' | 'bare';
type Sides = Record<Side, Target>;

const label = (side: Side, name: string) => (side === 'bare' ? `${name} (bare)` : name);

/** Both sides to `size` users by POST alone, one pass each (a side already there is skipped). */
async function fill(sides: Sides, size: number, name: string, c: number) {
  const out: Partial<Record<Side, PhaseResult>> = {};
  for (const side of ['cloud', 'bare'] as const) {
    const n = size - sides[side].dir.size;
    if (n > 0) out[side] = await createPhase(sides[side], forOps(n), c, false, label(side, name));
  }
  return out;
}

export async function measure(
  opts: Options,
  sides: Sides,
): Promise<{ comparisons: Comparison[]; passes: PhaseResult[] }> {
  const c = opts.concurrency;
  const comparisons: Comparison[] = [];
  const passes: PhaseResult[] = [];
  /** A seeded random source per measure and side: both sides draw the same sequence. */
  const random = (measureIndex: number) => prng(opts.seed * 1000 + measureIndex);
  const timing = { rounds: opts.rounds, seconds: opts.seconds, warmupSeconds: opts.warmup };
  const rounds = (
    name: string,
    users: number,
    run: (side: Side, seconds: number, name: string) => Promise<PhaseResult>,
  ) =>
    interleave(name, users, timing, run).then((r) => {
      comparisons.push(r);
      return r;
    });
  /** Users both sides hold (the ceiling, faster, may have created more in the create rounds). */
  const common = () => Math.min(sides.cloud.dir.size, sides.bare.dir.size);

  const seeded = await fill(sides, opts.users, `seed to ${int(opts.users)} (POST only)`, c);
  passes.push(...Object.values(seeded));

  const small = opts.users;
  const smallRandom = { cloud: random(1), bare: random(1) };
  await rounds(`lookup @${int(small)}`, small, (side, s, name) =>
    lookupPhase(sides[side], small, forSeconds(s), c, smallRandom[side], label(side, name), true),
  );

  await rounds(`create from ${int(sides.cloud.dir.size)}`, sides.cloud.dir.size, (side, s, name) =>
    createPhase(sides[side], forSeconds(s), c, true, label(side, name), true),
  );

  if (opts.big > sides.cloud.dir.size) {
    const grown = await fill(sides, opts.big, `grow to ${int(opts.big)} (POST only)`, c);
    if (grown.cloud) {
      comparisons.push({
        name: `grow to ${int(opts.big)}`,
        users: opts.big,
        cloud: [grown.cloud],
        bare: grown.bare ? [grown.bare] : [],
        warmups: [],
      });
    } else passes.push(...Object.values(grown));
  }

  const order = shuffled(common(), random(2));
  const size = sides.cloud.dir.size;
  await rounds(`deactivate @${int(size)}`, size, (side, s, name) =>
    deactivatePhase(sides[side], order, forSeconds(s), c, label(side, name), true),
  );

  if (opts.big > opts.users) {
    const population = common();
    const bigRandom = { cloud: random(3), bare: random(3) };
    await rounds(`lookup @${int(size)}`, size, (side, s, name) =>
      lookupPhase(
        sides[side],
        population,
        forSeconds(s),
        c,
        bigRandom[side],
        label(side, name),
        true,
      ),
    );
  }
  return { comparisons, passes };
}
