import { isDatabaseBusy } from '../http/database-busy.js';
import type { NewSyncLogEntry, SyncLogStore } from '../store/types.js';

/**
 * Buffers SCIM sync-log lines and writes them in one transaction every `intervalMs`, so logging
 * every request (reads included) costs one batched insert instead of a commit per request.
 * Resource writes themselves are committed before their response; only log lines are batched.
 */
export class SyncLogWriter {
  private buffer: NewSyncLogEntry[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: SyncLogStore,
    private readonly transaction: <T>(fn: () => T) => T,
    intervalMs = 20,
    private readonly maxBuffered = 2000,
  ) {
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  append(entry: NewSyncLogEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length >= this.maxBuffered) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      this.transaction(() => this.store.append(batch));
    } catch (e) {
      // The database stayed locked past its busy timeout (a checkpoint waiting out a reader on a
      // starved machine): the transaction wrote nothing, so the lines wait for the next flush.
      // Thrown from the timer, it would take the whole cloud down for a log line.
      if (!isDatabaseBusy(e)) throw e;
      this.buffer = batch.concat(this.buffer);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
