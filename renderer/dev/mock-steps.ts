/**
 * The mock connector's clock of simulated steps: what takes time in the real client (the
 * sign-in, connecting, the push channel) runs a step later, by itself after `stepMs`, or, without
 * autoAdvance, only when a test calls advance(), so it sees each intermediate state.
 */
export class MockSteps {
  private readonly queue: (() => void)[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly autoAdvance: boolean,
    private readonly stepMs: number,
  ) {}

  /** Runs `step` after `steps` steps. */
  later(step: () => void, steps = 1): void {
    if (!this.autoAdvance) {
      this.queue.push(step);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      step();
    }, this.stepMs * steps);
    this.timers.add(timer);
  }

  /** Forgets the steps waiting for advance() (a cancelled sign-in). */
  cancelQueued(): void {
    this.queue.length = 0;
  }

  /** Runs the queued steps, including those they queue; returns how many ran. */
  advance(): number {
    let n = 0;
    for (; this.queue.length > 0; n++) this.queue.shift()!();
    return n;
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
