/**
 * The web shell's bundled cloud runs in a worker thread (cloud-worker.ts): its modules load and
 * its seed runs beside the host's thread, which serves the window meanwhile, so the window paints
 * while the cloud starts. Like Electron's host, which runs it in a process of its own.
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
  /** Where the cloud listens, once it does; rejects when it cannot start. */
  ready: Promise<BundledCloudAddress>;
  /** Closes the cloud (after its start, if it is still starting) and ends the worker. */
  close(): Promise<void>;
}

export function startCloudWorker(options: CloudWorkerOptions): BundledCloudWorker {
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
