/**
 * A Playwright worker's web shells, each started one test ahead: while a test runs, the next
 * test's web shell (its own process, a fresh in-memory cloud, a fresh user data directory) starts
 * beside it, so the next test does not wait the ~2 s (more on a loaded machine) the process and
 * its bundled cloud take to be ready. Nothing is shared between tests: every test still gets a
 * process no other test has used, and the spare is stopped when the worker ends.
 */
import type { WebShellProcess } from './web-shell.js';

/** Starts a web shell (startWebShellProcess in the e2e fixture). */
type StartShell = () => Promise<WebShellProcess>;

export class ShellPool {
  private spare: Promise<WebShellProcess> | null = null;

  constructor(private readonly start: StartShell) {}

  /** A web shell no test has used: the spare when there is one, else a new one. */
  take(): Promise<WebShellProcess> {
    const shell = this.spare ?? this.start();
    this.spare = null;
    return shell;
  }

  /** Starts the next test's web shell now (unless one is starting already). */
  prepareNext(): void {
    if (this.spare) return;
    const spare = this.start();
    // Whoever takes it hears of a failed start; until then it must not count as unhandled.
    spare.catch(() => {});
    this.spare = spare;
  }

  /** Stops the spare, if any (the worker is ending). */
  async close(): Promise<void> {
    const spare = this.spare;
    this.spare = null;
    if (spare) await (await spare.catch(() => null))?.stop();
  }
}
