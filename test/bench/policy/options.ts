/** The policy benchmark's sizes, from its command line (read once, when the benchmark starts). */
import { parseArgs } from 'node:util';

export const { values: args } = parseArgs({
  options: {
    rules: { type: 'string', default: '2000' },
    segments: { type: 'string', default: '100' },
    decisions: { type: 'string', default: '200000' },
    small: { type: 'string', default: '1000' },
    big: { type: 'string', default: '100000' },
    'max-seconds': { type: 'string', default: '15' },
    seed: { type: 'string', default: '1' },
    /** Rounds of both pool sizes, alternating which goes first; ratios are per-round medians. */
    rounds: { type: 'string', default: '3' },
  },
});
export const RULES = Number(args.rules);
export const SEGMENTS = Number(args.segments);
export const DECISIONS = Number(args.decisions);
export const MAX_SECONDS = Number(args['max-seconds']);
export const SEED = Number(args.seed);
export const ROUNDS = Number(args.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1)
  throw new Error('--rounds must be a positive integer.');
