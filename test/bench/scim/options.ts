/** The SCIM benchmark's options: command-line flags, or SCIM_BENCH_* environment variables. */
import { parseArgs } from 'node:util';

export interface Options {
  users: number;
  big: number;
  concurrency: number;
  /** Timed rounds of each compared measure (cloud and ceiling alternate within each). */
  rounds: number;
  /** Seconds of one side of one round. */
  seconds: number;
  /** Seconds of untimed warm-up on each side before a measure's rounds. */
  warmup: number;
  seed: number;
  /** 1: also run the bare + SQLite reference (sqlite-reference.ts) in every round; 0: not. */
  reference: number;
  /**
   * Seconds of the reference's side of a round: 2 at most by default (its rate needs no more),
   * so the reference adds about 40 s to the default run instead of about a minute.
   */
  referenceSeconds: number;
  serverCpuProf: string | undefined;
}

const USAGE = `Usage: npm run bench:scim -- [--users 5000] [--big 100000] [--concurrency 8]
       [--rounds 3] [--seconds 3] [--warmup 0.5] [--seed 1] [--reference 1]
       [--reference-seconds 2] [--server-cpu-prof <dir>]
Each option can also be given as an environment variable: SCIM_BENCH_USERS, SCIM_BENCH_BIG, ...`;

export function readOptions(): Options {
  try {
    return parseOptions();
  } catch (e) {
    console.error(
      (e as Error).message.includes('Usage')
        ? (e as Error).message
        : `${(e as Error).message}\n${USAGE}`,
    );
    process.exit(2);
  }
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      big: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      reference: { type: 'string' },
      'reference-seconds': { type: 'string' },
      'server-cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const env = (name: string) => process.env[`SCIM_BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const raw = (name: keyof typeof values) => (values[name] as string | undefined) ?? env(name);
  const num = (name: keyof typeof values, fallback: number, min: number, max: number) => {
    const text = raw(name);
    if (text === undefined || text === '') return fallback;
    const n = Number(text.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(
        `--${name} must be an integer from ${min} to ${max}, not "${text}".\n${USAGE}`,
      );
    }
    return n;
  };
  const seconds = (name: keyof typeof values, fallback: number, min: number, max: number) => {
    const text = raw(name);
    if (text === undefined || text === '') return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new Error(
        `--${name} must be a number of seconds from ${min} to ${max}, not "${text}".\n${USAGE}`,
      );
    }
    return n;
  };
  const roundSeconds = seconds('seconds', 3, 0.05, 600);
  return {
    users: num('users', 5000, 1, 1_000_000),
    big: num('big', 100_000, 0, 2_000_000),
    concurrency: num('concurrency', 8, 1, 256),
    rounds: num('rounds', 3, 1, 100),
    seconds: roundSeconds,
    warmup: seconds('warmup', 0.5, 0, 60),
    seed: num('seed', 1, 0, 2 ** 31 - 1),
    reference: num('reference', 1, 0, 1),
    referenceSeconds: seconds('reference-seconds', Math.min(roundSeconds, 2), 0.05, 600),
    serverCpuProf: values['server-cpu-prof'] ?? env('server-cpu-prof'),
  };
}
