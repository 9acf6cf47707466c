/**
 * What the web shell starts only once its first window has painted: the connector service's
 * modules (the core, the contract's schemas, the HTTP clients: a few hundred ms of the host's
 * thread) and the bundled cloud (about a second of CPU on another thread). On a two-core machine
 * the window's first paint needs both cores (the host's thread serving and bridging the window,
 * the browser drawing it), so they wait until the first window has had its state (the state
 * before the core: state-before-core.ts) for `paintMs`, the time a browser takes to draw it.
 * They start at once when something needs them now (a stored session to resume), when no window
 * is loading `noWindowMs` after the server listens (a script, or a browser still launching), or
 * when a loading window takes longer than `graceMs` to open its bridge.
 */
export const NO_WINDOW_MS = 500;
export const PAINT_MS = 100;
export const WINDOW_GRACE_MS = 10_000;

export class AfterFirstWindow {
  private started = false;
  private loading = false;
  private readonly timers: ReturnType<typeof setTimeout>[] = [];

  constructor(
    private readonly start: () => void,
    private readonly limits = {
      noWindowMs: NO_WINDOW_MS,
      paintMs: PAINT_MS,
      graceMs: WINDOW_GRACE_MS,
    },
  ) {}

  /** The window's page can load now: nothing to wait for unless a window asks for it soon. */
  listening(): void {
    this.after(this.limits.noWindowMs, () => {
      if (!this.loading) this.now();
    });
  }

  /** A window is loading (its address was opened): wait for its state, at most `graceMs`. */
  windowLoading(): void {
    if (this.started || this.loading) return;
    this.loading = true;
    this.after(this.limits.graceMs, () => this.now());
  }

  /** A window was sent its state: start once it has had the time to draw it. */
  windowHasState(): void {
    this.after(this.limits.paintMs, () => this.now());
  }

  /** Something needs them now: start. */
  now(): void {
    if (this.started) return;
    this.started = true;
    this.timers.forEach(clearTimeout);
    this.start();
  }

  private after(ms: number, fn: () => void) {
    if (this.started) return;
    const timer = setTimeout(fn, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
