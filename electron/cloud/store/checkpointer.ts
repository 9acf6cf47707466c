import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { WAL_SIZE_LIMIT_BYTES } from './database.js';

/**
 * Moves WAL checkpoints (and the fsync they carry) off the event loop. SQLite's automatic
 * checkpoint runs inside whichever commit crosses the threshold, which stalls every in-flight
 * request for milliseconds; a worker thread with its own connection checkpoints passively instead,
 * never blocking readers or writers. The main connection keeps a high automatic threshold as a
 * safety net in case the worker falls behind. When writes pause, the worker truncates the WAL;
 * while they go on, it restarts the WAL once it passes WAL_SIZE_LIMIT_BYTES, and
 * journal_size_limit (database.ts) caps what each WAL reset leaves on disk.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const pageSize = db.pragma('page_size', { simple: true });
let lastFrames = -1;
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // Writes paused (the WAL did not grow since the last tick) and all of it is in the database:
    // truncate the file to zero, so a burst of writes leaves no large WAL behind.
    if (r.log > 0 && r.log === lastFrames && r.checkpointed === r.log) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      lastFrames = 0;
    } else if (r.log * pageSize > workerData.restartBytes) {
      // Writes go on and the WAL passed the limit: a passive checkpoint never lets it start over
      // (new frames always arrive first), so it would grow to the automatic threshold (80 MiB).
      // RESTART waits for the readers, then the next write starts the WAL from the top and
      // journal_size_limit trims the file.
      db.pragma('wal_checkpoint(RESTART)');
      // Kept: should writes pause now, the next tick truncates as above.
      lastFrames = r.log;
    } else lastFrames = r.log;
  } catch { /* busy: try again next tick */ }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.postMessage('closed');
});
`;

export interface Checkpointer {
  close(): Promise<void>;
}

export function startCheckpointer(
  file: string,
  intervalMs = 250,
  restartBytes = WAL_SIZE_LIMIT_BYTES,
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, intervalMs, restartBytes },
  });
  worker.unref();
  let exited = false;
  // Listened to from the start: a worker that cannot load its driver or open the file (say, in
  // a packaged app whose archive hides them) must not raise an unhandled 'error' event, which
  // would take the cloud down. The main connection's automatic checkpoints carry on without it.
  worker.on('error', (e) => console.error(`SQLite checkpointer stopped: ${e.message}`));
  worker.once('exit', () => (exited = true));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const done = () => resolve();
        worker.once('message', () => void worker.terminate().then(done, done));
        worker.once('error', done);
        worker.once('exit', done);
        worker.postMessage('close');
      }),
  };
}
