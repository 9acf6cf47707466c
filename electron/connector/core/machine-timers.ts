import type { TimerName } from '../../../shared/state/index.js';

/**
 * The machine's timers at absolute times on the cloud's clock, so they can be re-armed when
 * that clock jumps (a trainer's fast-forward). One timer per name.
 */
export class MachineTimers {
  private readonly timers = new Map<TimerName, { handle: NodeJS.Timeout; at: number }>();

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

  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t.handle);
    this.timers.clear();
  }
}
