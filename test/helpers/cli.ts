/**
 * Runs the real cloud CLI (`tsx electron/cloud/main.ts ...`, what `npm run cloud` runs) as a child
 * process in its own process group, so a test can SIGKILL the whole tree (tsx and the node process
 * serving requests) the way a crash would, or SIGTERM it like a service manager.
 *
 * tsx is started directly rather than through `npx tsx`: npm's exec wrapper does not forward
 * SIGTERM (it dies of the signal and leaves tsx and the cloud running as orphans), so the exit code
 * of a clean shutdown could not be observed through it. tsx relays SIGTERM/SIGINT to the cloud
 * and exits with its exit code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliCloud {
  child: ChildProcess;
  baseUrl: string;
  /** Every stdout line so far. */
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal to the CLI process (tsx relays it to the cloud). */
  signal(signal: NodeJS.Signals): void;
  /** Sends a signal to the CLI's whole process group (tsx and the cloud at once). */
  signalGroup(signal: NodeJS.Signals): void;
  /** SIGKILLs the group if it is still running and waits for the exit. */
  dispose(): Promise<void>;
}

/** The line with the URL: a cloud's, or a workshop's (`--attendees`). */
const LISTENING = /(?:Private Access Cloud listening|Workshop cloud for \d+ attendees) on (\S+)/;

export async function spawnCloudCli(args: string[], timeoutMs = 30_000): Promise<CliCloud> {
  // tsx as a loader in this very process, not its CLI: the CLI is a second process that relays
  // signals and, when the child takes over 30 ms to report one (a loaded machine), kills it with
  // SIGKILL and exits 143, so a clean SIGTERM shutdown looked like a crash.
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cloud/main.ts', ...args], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    if (exitInfo || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      signalGroup('SIGKILL');
      reject(new Error(`The cloud CLI did not start in ${timeoutMs} ms.\n${stderr.join('\n')}`));
    }, timeoutMs);
    const lineReader = (into: string[], onLine?: (line: string) => void) => {
      let partial = '';
      return (chunk: Buffer) => {
        partial += chunk.toString('utf8');
        const lines = partial.split('\n');
        partial = lines.pop()!;
        for (const line of lines) {
          into.push(line);
          onLine?.(line);
        }
      };
    };
    child.stdout!.on(
      'data',
      lineReader(stdout, (line) => {
        const m = LISTENING.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      }),
    );
    child.stderr!.on('data', lineReader(stderr));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The cloud CLI exited (${code ?? signal}) before listening.\n${stderr.join('\n')}`,
        ),
      );
    });
  });

  return {
    child,
    baseUrl,
    stdout,
    stderr,
    exited,
    signal(signal) {
      if (!exitInfo) child.kill(signal);
    },
    signalGroup,
    async dispose() {
      signalGroup('SIGKILL');
      await exited;
    },
  };
}

/** Waits until a stdout line matches, for output printed after the listening line. */
export async function waitForLine(cli: CliCloud, pattern: RegExp, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = cli.stdout.find((l) => pattern.test(l));
    if (line) return pattern.exec(line)!;
    if (Date.now() > deadline) {
      throw new Error(`No stdout line matched ${pattern}:\n${cli.stdout.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
