/**
 * Another cloud instance's store in a child process, for races between instances on one
 * database: the script (run with tsx) opens its store, prints READY, waits for "go" on stdin,
 * does its part as fast as it can and prints what it got as one line of JSON. A script may take
 * several rounds: "go" again for each, each answered with its line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../helpers/cli.js';

export interface RaceChild<T> {
  /** Resolves once the child has opened its store. */
  ready: Promise<void>;
  go(): void;
  result(): Promise<T>;
}

/** Starts `script` (a path from the repository root) with `args`; `children` collects it to kill. */
export function raceChild<T>(
  script: string,
  args: string[],
  children: ChildProcess[],
): RaceChild<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${script} exited early`);
    return value as string;
  };
  return {
    ready: next().then((line) => {
      if (line !== 'READY') throw new Error(`${script} said ${line}`);
    }),
    go: () => child.stdin!.write('go\n'),
    result: async () => JSON.parse(await next()) as T,
  };
}

/** Starts both, lets them go at the same moment and returns both results. */
export async function race<T>(one: RaceChild<T>, two: RaceChild<T>): Promise<[T, T]> {
  await Promise.all([one.ready, two.ready]);
  one.go();
  two.go();
  return Promise.all([one.result(), two.result()]);
}
