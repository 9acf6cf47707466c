import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { WAL_SIZE_LIMIT_BYTES } from './database.js';

/**
 * How long a TRUNCATE or RESTART checkpoint waits for the writer lock and, holding it, for the
 * readers. A second here (as before) held the cloud's writers behind a reader for a second at a
 * time, and far longer in wall time on a starved machine (SQLite's busy handler counts the
 * sleeps it asked for, not the time they took): writes past their own 5 s answered SQLITE_BUSY.
 */
export const CHECKPOINT_BUSY_TIMEOUT_MS = 10;

/**
 * Moves WAL checkpoints (and the fsync they carry) off the event loop. SQLite's automatic
 * checkpoint runs inside whichever commit crosses the threshold, which stalls every in-flight
 * request for milliseconds; a worker thread with its own connection checkpoints passively instead,
 * never blocking readers or writers. The main connection keeps a high automatic threshold as a
 * safety net in case the worker falls behind. When writes pause, the worker truncates the WAL;
 * while they go on, it restarts the WAL once it passes WAL_SIZE_LIMIT_BYTES, and
 * journal_size_limit (database.ts) caps what each WAL reset leaves on disk. TRUNCATE and RESTART
 * take the writer lock and then wait (busy handler) for readers while holding it: the worker's
 * connection waits only CHECKPOINT_BUSY_TIMEOUT_MS for them, then lets go and tries again on a
 * later tick, so the cloud's writers are never held for longer than that plus the copy of the
 * frames written since the PASSIVE pass just before.
 * One worker serves every database of the process (a workshop opens one per attendee: a thread
 * and a V8 heap each cost 100 tenants several hundred MB and a wake-up every 250 ms per tenant);
 * it starts with the first database and ends with the last.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
/** id -> { db, pageSize, restartBytes, lastFrames } */
const open = new Map();
function checkpoint(entry) {
  try {
    const [r] = entry.db.pragma('wal_checkpoint(PASSIVE)');
    // Writes paused (the WAL did not grow since the last tick) and all of it is in the database:
    // truncate the file to zero, so a burst of writes leaves no large WAL behind.
    if (r.log > 0 && r.log === entry.lastFrames && r.checkpointed === r.log) {
      entry.db.pragma('wal_checkpoint(TRUNCATE)');
      entry.lastFrames = 0;
    } else if (r.log * entry.pageSize > entry.restartBytes) {
      // Writes go on and the WAL passed the limit: a passive checkpoint never lets it start over
      // (new frames always arrive first), so it would grow to the automatic threshold (80 MiB).
      // RESTART waits for the readers, then the next write starts the WAL from the top and
      // journal_size_limit trims the file.
      entry.db.pragma('wal_checkpoint(RESTART)');
      // Kept: should writes pause now, the next tick truncates as above.
      entry.lastFrames = r.log;
    } else entry.lastFrames = r.log;
  } catch { /* busy: try again next tick */ }
}
setInterval(() => { for (const entry of open.values()) checkpoint(entry); }, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m.add !== undefined) {
    try {
      const db = new Database(m.file);
      db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
      const pageSize = db.pragma('page_size', { simple: true });
      open.set(m.add, { db, pageSize, restartBytes: m.restartBytes, lastFrames: -1 });
    } catch (e) {
      parentPort.postMessage({ failed: m.add, message: e.message });
    }
    return;
  }
  const entry = open.get(m.remove);
  open.delete(m.remove);
  if (entry) {
    try { entry.db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    entry.db.close();
  }
  parentPort.postMessage({ removed: m.remove });
});
`;

export interface Checkpointer {
  close(): Promise<void>;
}

interface SharedWorker {
  worker: Worker;
  /** Databases checkpointed by it, by id. */
  users: Set<number>;
  /** close() calls waiting for the worker to let go of their database. */
  closing: Map<number, () => void>;
  exited: boolean;
}

let shared: SharedWorker | null = null;
let lastId = 0;

function startWorker(intervalMs: number): SharedWorker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, intervalMs, busyTimeoutMs: CHECKPOINT_BUSY_TIMEOUT_MS },
  });
  worker.unref();
  const w: SharedWorker = { worker, users: new Set(), closing: new Map(), exited: false };
  const gone = () => {
    w.exited = true;
    if (shared === w) shared = null;
    for (const resolve of w.closing.values()) resolve();
    w.closing.clear();
  };
  // Listened to from the start: a worker that cannot load its driver (say, in a packaged app
  // whose archive hides it) must not raise an unhandled 'error' event, which would take the
  // cloud down. The main connections' automatic checkpoints carry on without it.
  worker.on('error', (e) => {
    console.error(`SQLite checkpointer stopped: ${e.message}`);
    gone();
  });
  worker.once('exit', gone);
  worker.on('message', (m: { removed?: number; failed?: number; message?: string }) => {
    if (m.failed !== undefined) console.error(`SQLite checkpointer stopped: ${m.message}`);
    if (m.removed !== undefined) {
      w.closing.get(m.removed)?.();
      w.closing.delete(m.removed);
    }
  });
  return w;
}

/** Checkpoints `file` in the process's checkpointer worker until close(). */
export function startCheckpointer(
  file: string,
  intervalMs = 250,
  restartBytes = WAL_SIZE_LIMIT_BYTES,
): Checkpointer {
  const w = (shared ??= startWorker(intervalMs));
  const id = ++lastId;
  w.users.add(id);
  w.worker.postMessage({ add: id, file, restartBytes });
  let closed: Promise<void> | undefined;
  return {
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        if (w.exited) return resolve();
        w.closing.set(id, resolve);
        w.worker.postMessage({ remove: id });
      }).then(async () => {
        w.users.delete(id);
        if (w.users.size > 0 || w.exited) return;
        // The last database went: the thread goes too (a new one starts with the next).
        if (shared === w) shared = null;
        await w.worker.terminate();
      })),
  };
}
