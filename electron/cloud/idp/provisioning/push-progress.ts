import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type { provisioningProgress } from '../../../../shared/contract/cloud-api/admin-provisioning.js';
import { isoTime } from '../../clock/clock.js';

export type ProvisioningProgress = z.infer<typeof provisioningProgress>;

/**
 * The progress of one IdP's push, counted by its runner: a push starts when the runner wakes
 * with work and ends when its queue (or its cycle) is drained. Objects are users and groups.
 * The rate is per wall-clock second: fast-forwarding the simulated clock must not inflate it.
 */
export class PushProgress {
  /** Keys ("user:id") of the push; a key retried within the push counts once. */
  private readonly all = new Set<string>();
  private readonly done = new Set<string>();
  /** Keys whose latest attempt failed; a throttled push that succeeds on retry leaves it. */
  private readonly failed = new Set<string>();
  private startedAt: number | null = null;
  private finishedAt: number | null = null;
  private startedWall = 0;
  private endedWall = 0;
  private running = false;

  constructor(private readonly now: () => number) {}

  /**
   * Called with each batch of keys the runner takes. A push already running adds them; so does
   * a batch made only of the last push's failed keys (retries after a 429 come back once that
   * push has ended, and are still part of it). Anything else starts a new push.
   */
  add(keys: readonly string[]) {
    if (!this.running) {
      const retries = keys.length > 0 && keys.every((k) => this.failed.has(k));
      if (!retries) {
        this.all.clear();
        this.done.clear();
        this.failed.clear();
        this.startedAt = this.now();
        this.startedWall = performance.now();
      }
      this.running = true;
      this.finishedAt = null;
    }
    for (const key of keys) {
      this.all.add(key);
      this.done.delete(key);
    }
  }

  settled(key: string, failed: boolean) {
    this.done.add(key);
    if (failed) this.failed.add(key);
    else this.failed.delete(key);
  }

  finish() {
    if (!this.running) return;
    this.running = false;
    this.finishedAt = this.now();
    this.endedWall = performance.now();
  }

  view(): ProvisioningProgress {
    const seconds = ((this.running ? performance.now() : this.endedWall) - this.startedWall) / 1000;
    return {
      running: this.running,
      done: this.done.size,
      total: this.all.size,
      failed: this.failed.size,
      perSecond: seconds > 0 ? Math.round((this.done.size / seconds) * 10) / 10 : 0,
      startedAt: this.startedAt === null ? null : isoTime(this.startedAt),
      finishedAt: this.finishedAt === null ? null : isoTime(this.finishedAt),
    };
  }
}

/** What GET .../provisioning/progress answers for an IdP that has not pushed yet. */
export const NO_PUSH_YET: ProvisioningProgress = {
  running: false,
  done: 0,
  total: 0,
  failed: 0,
  perSecond: 0,
  startedAt: null,
  finishedAt: null,
};
