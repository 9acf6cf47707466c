/**
 * Group commit for SCIM writes. Writes that arrive in the same turn of the event loop (an IdP
 * pushing with several requests in flight) run one after another inside one SQLite transaction,
 * each in its own savepoint, and share one commit: the commit, not the statements, is what a
 * single-row write mostly costs. A write that fails rolls back its savepoint only; its neighbours
 * still commit. Every write is committed before its promise settles, so before its response.
 */
type Transaction = <T>(fn: () => T) => T;

interface Job {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Job[] = [];

  /** `transaction` must nest (better-sqlite3's does, with savepoints). */
  constructor(private readonly transaction: Transaction) {}

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 1) return this.runAlone(batch[0]!);
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.transaction(() => {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: this.transaction(job.fn) });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing in the batch was written.
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.value);
    });
  }

  /**
   * A write alone in its turn needs no savepoint: its transaction is its own, rolled back whole
   * if it fails. Two statements (SAVEPOINT, RELEASE) fewer when writes trickle in one by one.
   */
  private runAlone(job: Job): void {
    let value: unknown;
    try {
      value = this.transaction(job.fn);
    } catch (error) {
      job.reject(error);
      return;
    }
    job.resolve(value);
  }
}
