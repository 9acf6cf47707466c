/**
 * When the web shell starts its bundled cloud. Loading the cloud (fastify, the IdPs, the
 * contract's schemas, the seed) takes about a second of CPU, and on a two-core machine the
 * window's first paint needs both cores (the host's thread serving and bridging the window, the
 * browser drawing it). So the cloud waits for the first window to have its state, and starts at
 * once when no window is loading by the time the host is up (a script, or a browser still
 * launching), when a stored session waits for it to resume (ConnectorService's
 * `needBundledCloud`), or when a loading window takes longer than `graceMs` to open its bridge.
 */
export const WINDOW_GRACE_MS = 10_000;

export class CloudStart {
  private started = false;
  private loading = false;
  private grace: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly start: () => void,
    private readonly graceMs = WINDOW_GRACE_MS,
  ) {}

  /** A window is loading (its address was opened): wait for its state, at most `graceMs`. */
  windowLoading(): void {
    if (this.started || this.loading) return;
    this.loading = true;
    this.grace = setTimeout(() => this.now(), this.graceMs);
    this.grace.unref();
  }

  /** The connector service has a state to show: without a window loading, nothing to wait for. */
  hostReady(): void {
    if (!this.loading) this.now();
  }

  /** A window has its state (its paint follows), or something needs the cloud: start it. */
  now(): void {
    if (this.started) return;
    this.started = true;
    if (this.grace) clearTimeout(this.grace);
    this.start();
  }
}
