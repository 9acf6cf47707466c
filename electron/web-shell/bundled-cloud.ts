/**
 * The web shell's bundled cloud runs in a worker thread (cloud-worker.ts): its modules load and
 * its seed runs beside the host's thread, which serves the window meanwhile. Like Electron's
 * host, which runs it in a process of its own. The worker is made when `start` is called (the
 * web shell decides when: first-window.ts); `ready` exists from the outset, so the connector
 * service can wait for it before the cloud is even starting.
 */
import { Worker } from 'node:worker_threads';

export interface CloudWorkerOptions {
  /** SQLite file, or ':memory:'. */
  db: string;
  port?: number;
  adminToken?: string;
  seed?: boolean;
}

/** What the worker tells its host. */
export type CloudWorkerMessage =
  | { type: 'ready'; baseUrl: string; adminToken: string }
  | { type: 'error'; message: string }
  | { type: 'closed' };

export interface BundledCloudAddress {
  baseUrl: string;
  adminToken: string;
}

export interface BundledCloudWorker {
  /** Where the cloud listens, once it does; rejects when it cannot start (or closed first). */
  ready: Promise<BundledCloudAddress>;
  /** Starts the worker (once; later calls do nothing). */
  start(): void;
  /** Whether `start` was called. */
  readonly started: boolean;
  /** Closes the cloud (after its start, if it is still starting) and ends the worker. */
  close(): Promise<void>;
}

/** The bundled cloud's worker, not started yet. */
export function cloudWorker(options: CloudWorkerOptions): BundledCloudWorker {
  let running: BundledCloudWorker | null = null;
  let settle!: { resolve: (a: BundledCloudAddress) => void; reject: (e: unknown) => void };
  const ready = new Promise<BundledCloudAddress>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Whoever waits for the cloud hears of its failure; close() must not count as unhandled.
  ready.catch(() => {});
  return {
    ready,
    start() {
      if (running) return;
      running = startCloudWorker(options);
      running.ready.then(settle.resolve, settle.reject);
    },
    get started() {
      return running !== null;
    },
    async close() {
      if (running) return running.close();
      settle.reject(new Error('The web shell closed before its bundled cloud started.'));
    },
  };
}

function startCloudWorker(options: CloudWorkerOptions): BundledCloudWorker {
  const worker = newWorker(options);
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const ready = new Promise<BundledCloudAddress>((resolve, reject) => {
    worker.on('message', (m: CloudWorkerMessage) => {
      if (m.type === 'ready') resolve({ baseUrl: m.baseUrl, adminToken: m.adminToken });
      else if (m.type === 'error') reject(new Error(m.message));
    });
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`The bundled cloud's worker exited (${code}).`)));
  });
  // Whoever waits for the cloud hears of its failure; close() must not count as unhandled.
  ready.catch(() => {});
  let closing: Promise<void> | null = null;
  return {
    ready,
    start() {},
    started: true,
    close() {
      closing ??= (async () => {
        if (
          await ready.then(
            () => true,
            () => false,
          )
        ) {
          const closed = new Promise<void>((resolve) =>
            worker.on('message', (m: CloudWorkerMessage) => m.type === 'closed' && resolve()),
          );
          worker.postMessage('stop');
          await Promise.race([closed, exited]);
        }
        await worker.terminate();
      })();
      return closing;
    },
  };
}

/**
 * From the bundle (dist/web-shell/main.mjs) the worker runs its sibling cloud-worker.mjs; from
 * source (tsx, vitest) it registers tsx first, which then loads cloud-worker.ts.
 */
function newWorker(workerData: CloudWorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./cloud-worker.mjs', import.meta.url), { workerData });
  }
  const entry = JSON.stringify(new URL('./cloud-worker.ts', import.meta.url).href);
  const source = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`;
  return new Worker(source, { eval: true, workerData });
}
