/**
 * The engine's handle on the push worker (push-worker.ts): started on the first big push, kept
 * for the engine's life, shared by every IdP's runner. Users go in batches (one message per
 * turn of the event loop), outcomes come back the same way.
 *
 * Where the worker's code is: from source (tsx, vitest) the TypeScript entry beside this file,
 * loaded through tsx's require hook in an eval'd bootstrap; in a bundle (the web shell, the
 * Electron host) `push-worker.mjs` beside the bundle, which the build emits
 * (build/build-web-shell.mjs, build/build-electron.mjs).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, JobDone, ToWorker, WorkerRun } from './push-worker-protocol.js';
import type { UserOutcome, UserSnapshot } from './user-push.js';

/** The bundled worker's file name (a variable, so the bundler leaves the URL alone). */
const BUNDLED_WORKER = './push-worker.mjs';

function startWorker(): Worker {
  const here = import.meta.url;
  if (!/\.[cm]?ts$/.test(here)) return new Worker(new URL(BUNDLED_WORKER, here));
  const tsx = createRequire(here).resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./push-worker.ts', here));
  const source = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true });
}

interface Pending {
  /** Records the outcome (never throws); called for a whole batch in one store transaction. */
  apply(o: UserOutcome): void;
  resolve(): void;
  reject(e: Error): void;
}

export class PushWorker {
  private worker: Worker | null = null;
  private failure: Error | null = null;
  private nextRun = 1;
  private nextJob = 1;
  private readonly pending = new Map<number, Pending>();
  private outbox = new Map<number, { job: number; snap: UserSnapshot }[]>();
  private flushScheduled = false;
  /** Users pushed in the worker since the engine started (tests and benchmarks read it). */
  usersPushed = 0;

  constructor(
    private readonly now: () => number,
    /** The store's transaction: the outcomes of one message are committed together. */
    private readonly transaction: (fn: () => void) => void,
  ) {}

  /** Why the worker cannot be used (it failed to start or died), or null. */
  get broken(): Error | null {
    return this.failure;
  }

  private get thread(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker();
    w.unref();
    w.on('message', (m: FromWorker) => this.received(m.done));
    w.on('error', (e) => this.fail(e));
    w.on('exit', (code) => this.fail(new Error(`The push worker exited (code ${code}).`)));
    this.worker = w;
    return w;
  }

  private post(m: ToWorker) {
    this.thread.postMessage(m);
  }

  openRun(run: Omit<WorkerRun, 'runId'>): number {
    const runId = this.nextRun++;
    this.post({ t: 'run', run: { ...run, runId } });
    return runId;
  }

  endRun(runId: number) {
    if (this.worker) this.post({ t: 'end', runId });
  }

  closeClient(runner: string) {
    if (this.worker && !this.failure) this.post({ t: 'closeClient', runner });
  }

  /**
   * Pushes one user in the worker and has `apply` record the outcome; resolves once it has.
   * Rejects only if the worker dies first (nothing was applied then).
   */
  push(runId: number, snap: UserSnapshot, apply: (o: UserOutcome) => void): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const job = this.nextJob++;
    let list = this.outbox.get(runId);
    if (!list) this.outbox.set(runId, (list = []));
    list.push({ job, snap });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    return new Promise((resolve, reject) => this.pending.set(job, { apply, resolve, reject }));
  }

  private flush() {
    this.flushScheduled = false;
    const outbox = this.outbox;
    this.outbox = new Map();
    if (this.failure) return;
    const now = this.now();
    for (const [runId, jobs] of outbox) this.post({ t: 'push', runId, now, jobs });
  }

  private received(done: JobDone[]) {
    const applied: Pending[] = [];
    this.transaction(() => {
      for (const { job, outcome } of done) {
        const p = this.pending.get(job);
        this.pending.delete(job);
        this.usersPushed++;
        p?.apply(outcome);
        if (p) applied.push(p);
      }
    });
    for (const p of applied) p.resolve();
  }

  private fail(e: Error) {
    if (this.failure) return;
    this.failure = e;
    if (!this.closing) console.error('Push worker failed; pushing in the engine thread:', e);
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private closing = false;

  async close() {
    this.closing = true;
    const w = this.worker;
    this.worker = null;
    this.fail(new Error('The push worker was closed.'));
    if (w) await w.terminate();
  }
}
