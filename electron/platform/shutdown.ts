/**
 * Closes a command-line program cleanly on SIGINT / SIGTERM: once, however many signals come,
 * exiting 0 when `close` resolves and 1 when it fails (or, with `forceAfterMs`, when it hangs).
 */
export function closeOnSignals(
  close: () => Promise<void>,
  opts: { what: string; quiet?: boolean; forceAfterMs?: number },
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!opts.quiet) console.log(`${signal} received, closing the ${opts.what}.`);
    if (opts.forceAfterMs !== undefined)
      setTimeout(() => process.exit(1), opts.forceAfterMs).unref();
    close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** A TCP port argument: an integer from 0 (any free port) to 65535. */
export const isPort = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 65535;
