/**
 * The SCIM benchmark's sequence, the same on the cloud and each reference: seed `users` users, time
 * lookups among them, time Okta creates (GET + POST) of new users, grow to `big` users (POST
 * only, one pass), time PATCH deactivations of distinct users, time lookups at the big size.
 * Each timed measure is a set of interleaved rounds (rounds.ts).
 */
import { createPhase, deactivatePhase, lookupPhase, shuffled, type Target } from './okta-phases.js';
import type { Options } from './options.js';
import { forOps, forSeconds, type PhaseResult } from './phase.js';
import { SIDES, interleave, sideLabel as label, type Comparison, type Side } from './rounds.js';
import { int, prng } from './stats.js';

/** The servers measured: the cloud and the bare ceiling always, bare + SQLite when it runs. */
export type Sides = Record<'cloud' | 'bare', Target> & { sqlite?: Target };

/** The sides present, in SIDES's order. */
const present = (sides: Sides): Side[] => SIDES.filter((side) => sides[side] !== undefined);
const on = (sides: Sides, side: Side) => sides[side]!;

/** Every side to `size` users by POST alone, one pass each (a side already there is skipped). */
async function fill(sides: Sides, size: number, name: string, c: number) {
  const out: Partial<Record<Side, PhaseResult>> = {};
  for (const side of present(sides)) {
    const n = size - on(sides, side).dir.size;
    if (n > 0)
      out[side] = await createPhase(on(sides, side), forOps(n), c, false, label(side, name));
  }
  return out;
}

/** A seeded random source per side, each drawing the same sequence. */
const sameRandom = (sides: Side[], random: () => () => number) =>
  Object.fromEntries(sides.map((side) => [side, random()])) as Record<Side, () => number>;

export async function measure(
  opts: Options,
  sides: Sides,
): Promise<{ comparisons: Comparison[]; passes: PhaseResult[] }> {
  const c = opts.concurrency;
  const comparisons: Comparison[] = [];
  const passes: PhaseResult[] = [];
  /** A seeded random source per measure and side: both sides draw the same sequence. */
  const random = (measureIndex: number) => prng(opts.seed * 1000 + measureIndex);
  const timing = {
    rounds: opts.rounds,
    seconds: opts.seconds,
    warmupSeconds: opts.warmup,
    referenceSeconds: opts.referenceSeconds,
  };
  const all = present(sides);
  const rounds = (
    name: string,
    users: number,
    run: (side: Side, seconds: number, name: string) => Promise<PhaseResult>,
  ) =>
    interleave(name, users, timing, all, run).then((r) => {
      comparisons.push(r);
      return r;
    });
  /** Users every side holds (a reference, faster, may have created more in the create rounds). */
  const common = () => Math.min(...all.map((side) => on(sides, side).dir.size));

  const seeded = await fill(sides, opts.users, `seed to ${int(opts.users)} (POST only)`, c);
  passes.push(...Object.values(seeded));

  const small = opts.users;
  const smallRandom = sameRandom(all, () => random(1));
  await rounds(`lookup @${int(small)}`, small, (side, s, name) =>
    lookupPhase(on(sides, side), small, forSeconds(s), c, smallRandom[side], name, true),
  );

  await rounds(`create from ${int(sides.cloud.dir.size)}`, sides.cloud.dir.size, (side, s, name) =>
    createPhase(on(sides, side), forSeconds(s), c, true, name, true),
  );

  if (opts.big > sides.cloud.dir.size) {
    const grown = await fill(sides, opts.big, `grow to ${int(opts.big)} (POST only)`, c);
    if (grown.cloud) {
      comparisons.push({
        name: `grow to ${int(opts.big)}`,
        users: opts.big,
        cloud: [grown.cloud],
        bare: grown.bare ? [grown.bare] : [],
        sqlite: grown.sqlite ? [grown.sqlite] : [],
        warmups: [],
      });
    } else passes.push(...Object.values(grown));
  }

  const order = shuffled(common(), random(2));
  const size = sides.cloud.dir.size;
  await rounds(`deactivate @${int(size)}`, size, (side, s, name) =>
    deactivatePhase(on(sides, side), order, forSeconds(s), c, name, true),
  );

  if (opts.big > opts.users) {
    const population = common();
    const bigRandom = sameRandom(all, () => random(3));
    await rounds(`lookup @${int(size)}`, size, (side, s, name) =>
      lookupPhase(on(sides, side), population, forSeconds(s), c, bigRandom[side], name, true),
    );
  }
  return { comparisons, passes };
}
