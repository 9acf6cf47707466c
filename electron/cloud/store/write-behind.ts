import { isDatabaseBusy } from './sql-db.js';

/**
 * Records written behind their callers: added ones wait up to `delayMs` and are written
 * together, in one transaction, by `write`. Used where a commit per record would cost more than
 * the record is worth (the timeline, the provisioning log).
 *
 * A busy database writes nothing (`write` runs in one transaction), so the batch goes back in
 * front of what came since and waits for the next flush. The timer's flush never throws (an
 * exception in a timer ends the process): busy, it tries again after `delayMs`; anything else is
 * logged as `what`. A flush called directly (before a read, at close) throws as it met it.
 */
export class WriteBehind<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (batch: readonly T[]) => void,
    private readonly delayMs: number,
    private readonly what: string,
    /** An unref'd timer does not keep the process alive for its flush. */
    private readonly unref = false,
  ) {}

  add(...records: T[]): void {
    this.pending.push(...records);
    this.schedule();
  }

  /** Drops the records waiting that `keep` refuses (their owner is gone). */
  keepOnly(keep: (record: T) => boolean): void {
    this.pending = this.pending.filter(keep);
  }

  /** Writes the records waiting now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.write(batch);
    } catch (e) {
      if (isDatabaseBusy(e)) this.pending = batch.concat(this.pending); // nothing was written
      throw e;
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      try {
        this.flush();
      } catch (e) {
        if (isDatabaseBusy(e)) this.schedule();
        else console.error(`${this.what} not written:`, e);
      }
    }, this.delayMs);
    if (this.unref) this.timer.unref();
  }
}
