/** Runs the mock cloud's real CLI (electron/cloud/main.ts) as a child process for the benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';

export interface CloudProcess {
  baseUrl: string;
  pid: number;
  /** Lines the server wrote to stderr (the last 200), e.g. "SCIM internal error: ...". */
  stderrLines: string[];
  /** How many lines it wrote to stderr in all. */
  stderrCount(): number;
  /** True once the process has exited. */
  exited(): boolean;
  /** User + system CPU seconds the server has used so far (Linux /proc), or NaN. */
  cpuSeconds(): number;
  /** SIGTERM, then wait for a clean exit (SIGKILL after `graceMs`). Resolves to the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

export interface StartOptions {
  repoRoot: string;
  dbFile: string;
  adminToken: string;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir', dir]. */
  nodeFlags?: string[];
  startTimeoutMs?: number;
}

const READY = /Private Access Cloud listening on (\S+)/;
const BARE_READY = /Bare SCIM ceiling listening on (\S+)/;
const REFERENCE_READY = /SQLite SCIM reference listening on (\S+)/;
const CLOCK_TICKS = 100; // USER_HZ on Linux

export function startCloudProcess(opts: StartOptions): Promise<CloudProcess> {
  const args = [
    ...(opts.nodeFlags ?? []),
    '--import',
    'tsx',
    'electron/cloud/main.ts',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--db',
    opts.dbFile,
    // One argument: a token that begins with '-' must not read as an option.
    `--admin-token=${opts.adminToken}`,
  ];
  return startServerProcess(opts.repoRoot, args, READY, opts.startTimeoutMs);
}

/** The bare ceiling (bare-server.ts): the same SCIM routes on plain node:http, in memory. */
export function startBareProcess(repoRoot: string): Promise<CloudProcess> {
  const args = ['--import', 'tsx', 'test/bench/scim/bare-server.ts'];
  return startServerProcess(repoRoot, args, BARE_READY);
}

/**
 * The bare + SQLite reference (sqlite-reference.ts) on its own database file. `--token=<token>`
 * in one argument: a base64url token may start with "-", which parseArgs would take for a flag.
 */
export function startReferenceProcess(
  repoRoot: string,
  dbFile: string,
  token: string,
  nodeFlags: string[] = [],
): Promise<CloudProcess> {
  const args = [...nodeFlags, '--import', 'tsx', 'test/bench/scim/sqlite-reference.ts'];
  return startServerProcess(
    repoRoot,
    [...args, '--db', dbFile, `--token=${token}`],
    REFERENCE_READY,
  );
}

async function startServerProcess(
  cwd: string,
  args: string[],
  ready: RegExp,
  startTimeoutMs = 60_000,
): Promise<CloudProcess> {
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  const stderrLines: string[] = [];
  let stderrCount = 0;
  let stdout = '';
  let exitCode: number | null | undefined;
  child.on('exit', (code, signal) => {
    exitCode = code ?? (signal ? -1 : null);
  });
  child.stderr!.setEncoding('utf8');
  let partial = '';
  child.stderr!.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const l of lines) {
      stderrCount++;
      stderrLines.push(l);
      if (stderrLines.length > 200) stderrLines.shift();
    }
  });
  child.stdout!.setEncoding('utf8');

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      fail(`the server did not print its URL within ${startTimeoutMs} ms`);
    }, startTimeoutMs);
    const onData = (chunk: string) => {
      stdout += chunk;
      const m = ready.exec(stdout);
      if (m) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(m[1]!);
      }
    };
    const onExit = (code: number | null) =>
      fail(`the server exited with code ${code} before it started`);
    function fail(why: string) {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      if (child.exitCode === null) child.kill('SIGKILL');
      reject(
        new Error(
          `${why}.\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${[...stderrLines, partial].join('\n').slice(-4000)}`,
        ),
      );
    }
    child.stdout!.on('data', onData);
    child.on('exit', onExit);
  });
  // Keep draining stdout so the child never blocks on a full pipe.
  child.stdout!.on('data', () => {});

  return {
    baseUrl,
    pid: child.pid!,
    stderrLines,
    stderrCount: () => stderrCount,
    exited: () => exitCode !== undefined,
    cpuSeconds: () => procCpuSeconds(child.pid!),
    stop: (graceMs = 15_000) => stop(child, () => exitCode, graceMs),
  };
}

async function stop(
  child: ChildProcess,
  exitCode: () => number | null | undefined,
  graceMs: number,
): Promise<number | null> {
  if (exitCode() !== undefined) return exitCode() ?? null;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
  return exitCode() ?? null;
}

function procCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
