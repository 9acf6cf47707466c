/**
 * Starts the web shell as a user does (`npm run start:web`, here with `--json`): its own process,
 * run from its bundle (dist/web-shell/main.mjs, built by the global setup), with the bundled cloud on `:memory:`, port 0, a throwaway user data directory and a known
 * admin token. Stopped with SIGTERM, as Ctrl+C would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WEB_SHELL_BUNDLE } from '../../../build/build-web-shell.mjs';

export interface WebShellProcess {
  url: string;
  cloudUrl: string;
  adminToken: string;
  pid: number;
  userDataDir: string;
  /** When the process was spawned (performance.now() of the test process). */
  spawnedAt: number;
  readyAt: number;
  /** The ready line's milestones. */
  startup: WebShellStartupTimes;
  sessionToken(): string | null;
  rssBytes(): number | null;
  stop(): Promise<number | null>;
}

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

export interface StartOptions {
  /**
   * Called with the launch URL once the window can load, before the bundled cloud is up (and the
   * process id, for figures taken before the ready line).
   */
  onListening?: (url: string, pid: number, startup: WebShellStartupTimes) => void;
  /** Another build of the web shell (a benchmark's A/B comparison); this checkout's by default. */
  bundle?: string;
}

/**
 * The milestones of the web shell's start its `--json` lines carry (electron/web-shell/main.ts),
 * ms since its process began; the later ones only on the ready line.
 */
export interface WebShellStartupTimes {
  /** The process's performance.timeOrigin (epoch ms). */
  timeOrigin: number;
  nodeBootstrappedMs: number;
  mainEvaluatedMs: number;
  listeningMs: number;
  connectorReadyMs?: number;
  cloudStartedMs?: number;
  cloudReadyMs?: number;
}

export async function startWebShellProcess(
  extraArgs: string[] = [],
  opts: StartOptions = {},
): Promise<WebShellProcess> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cc-e2e-'));
  const adminToken = randomBytes(16).toString('hex');
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      opts.bundle ?? WEB_SHELL_BUNDLE,
      '--port',
      '0',
      '--db',
      ':memory:',
      '--admin-token',
      adminToken,
      '--user-data',
      userDataDir,
      '--no-build',
      '--json',
      ...extraArgs,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += String(d);
    if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
  });
  const ready = await new Promise<{
    url: string;
    cloudUrl: string;
    startup: WebShellStartupTimes;
  }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web shell did not start:\n${stderr}`)),
      60_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const m = JSON.parse(line) as {
          ready?: boolean;
          listening?: boolean;
          url: string;
          cloudUrl: string;
          startup: WebShellStartupTimes;
        };
        if (m.listening) opts.onListening?.(m.url, child.pid!, m.startup);
        if (m.ready) {
          clearTimeout(timer);
          resolve(m);
        }
      } catch {
        // not the ready line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web shell exited (${code}):\n${stderr}`));
    });
  });
  const readyAt = performance.now();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));

  return {
    ...ready,
    adminToken,
    pid: child.pid!,
    userDataDir,
    spawnedAt,
    readyAt,
    sessionToken() {
      try {
        const dir = join(userDataDir, 'secrets');
        for (const f of readdirSync(dir)) {
          const s = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { sessionToken?: string };
          if (s.sessionToken) return s.sessionToken;
        }
      } catch {
        // no secret stored
      }
      return null;
    },
    rssBytes() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
        return kb ? Number(kb) * 1024 : null;
      } catch {
        return null;
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      rmSync(userDataDir, { recursive: true, force: true });
      return code;
    },
  };
}
