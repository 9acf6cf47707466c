/** The SCIM benchmark's options: command-line flags, or SCIM_BENCH_* environment variables. */
import { parseArgs } from 'node:util';

export interface Options {
  users: number;
  big: number;
  concurrency: number;
  lookups: number;
  deactivations: number;
  seed: number;
  serverCpuProf: string | undefined;
}

const USAGE = `Usage: npm run bench:scim -- [--users 10000] [--big 100000] [--concurrency 8]
       [--lookups 10000] [--deactivations 2000] [--seed 1] [--server-cpu-prof <dir>]
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
      lookups: { type: 'string' },
      deactivations: { type: 'string' },
      seed: { type: 'string' },
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
  const num = (name: keyof typeof values, fallback: number, min: number, max: number) => {
    const raw = (values[name] as string | undefined) ?? env(name);
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(
        `--${name} must be an integer from ${min} to ${max}, not "${raw}".\n${USAGE}`,
      );
    }
    return n;
  };
  const users = num('users', 10_000, 1, 1_000_000);
  return {
    users,
    big: num('big', 100_000, 0, 2_000_000),
    concurrency: num('concurrency', 8, 1, 256),
    lookups: num('lookups', 10_000, 0, 10_000_000),
    deactivations: Math.min(users, num('deactivations', 2000, 0, 1_000_000)),
    seed: num('seed', 1, 0, 2 ** 31 - 1),
    serverCpuProf: values['server-cpu-prof'] ?? env('server-cpu-prof'),
  };
}
