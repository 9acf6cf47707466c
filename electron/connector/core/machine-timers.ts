import type { TimerName } from '../../../shared/state/index.js';

/**
 * The machine's timers at absolute times on the cloud's clock, so they can be re-armed when
 * that clock jumps (a trainer's fast-forward). One timer per name, and one repeating task.
 */
export class MachineTimers {
  private readonly timers = new Map<TimerName, { handle: NodeJS.Timeout; at: number }>();
  private interval: NodeJS.Timeout | null = null;

  constructor(
    private readonly now: () => number,
    private readonly fire: (timer: TimerName) => void,
  ) {}

  arm(timer: TimerName, at: number): void {
    this.cancel(timer);
    const handle = setTimeout(
      () => {
        this.timers.delete(timer);
        this.fire(timer);
      },
      Math.max(0, at - this.now()),
    );
    this.timers.set(timer, { handle, at });
  }

  cancel(timer: TimerName): void {
    clearTimeout(this.timers.get(timer)?.handle);
    this.timers.delete(timer);
  }

  /** After the clock jumped: every timer again, at the same absolute time. */
  rearm(): void {
    for (const [timer, { at }] of [...this.timers]) this.arm(timer, at);
  }

  /** The one repeating task (heartbeats): every `ms`, or none with null. */
  every(ms: number | null, task?: () => void): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    if (ms === null || !task) return;
    this.interval = setInterval(task, ms);
    this.interval.unref?.();
  }

  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t.handle);
    this.timers.clear();
    this.every(null);
  }
}
