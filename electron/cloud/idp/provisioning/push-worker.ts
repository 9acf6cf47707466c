/**
 * The push worker's thread: the IdPs' HTTP clients and their per-user requests (user-push.ts),
 * so that a big push runs on the second core while the SCIM server and the store keep the
 * engine's thread. It holds no store: each user comes with its snapshot, and its outcome goes
 * back to the engine, which records it. Started by push-worker-client.ts; the protocol is in
 * push-worker-protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { JobDone, ToWorker, WorkerRun } from './push-worker-protocol.js';
import { ScimClient } from './scim-client.js';
import { pushUser, type UserSnapshot } from './user-push.js';

const port = parentPort!;

/** The simulated time, as the engine last told it, moved on by real time. */
let clockBase = { now: Date.now(), wall: Date.now() };
const simulatedNow = () => clockBase.now + (Date.now() - clockBase.wall);

/** One client per runner (its connections are kept between runs), as the engine keeps its own. */
const clients = new Map<string, { key: string; client: ScimClient }>();
const runs = new Map<number, WorkerRun & { queue: { job: number; snap: UserSnapshot }[] }>();
const inFlight = new Map<number, number>();

function clientOf(run: WorkerRun): ScimClient {
  const held = clients.get(run.runner);
  if (held?.key === run.clientKey) return held.client;
  held?.client.close();
  const client = new ScimClient({
    ...run.client,
    now: simulatedNow,
    // Every request is recorded through a user's view of the client (recordingTo).
    record: () => {},
  });
  clients.set(run.runner, { key: run.clientKey, client });
  return client;
}

let done: JobDone[] = [];
/** Outcomes of one turn go back together (one message, not one per user). */
function send(d: JobDone) {
  done.push(d);
  if (done.length === 1) setImmediate(flush);
}
function flush() {
  const batch = done;
  done = [];
  port.postMessage({ t: 'done', done: batch });
}

function pump(runId: number) {
  const run = runs.get(runId);
  if (!run) return;
  const client = clientOf(run);
  while (run.queue.length > 0 && (inFlight.get(runId) ?? 0) < run.concurrency) {
    const { job, snap } = run.queue.shift()!;
    inFlight.set(runId, (inFlight.get(runId) ?? 0) + 1);
    void pushUser(run.run, snap, client).then((outcome) => {
      inFlight.set(runId, inFlight.get(runId)! - 1);
      send({ job, outcome });
      pump(runId);
    });
  }
}

port.on('message', (m: ToWorker) => {
  switch (m.t) {
    case 'run':
      runs.set(m.run.runId, { ...m.run, queue: [] });
      break;
    case 'push': {
      clockBase = { now: m.now, wall: Date.now() };
      runs.get(m.runId)?.queue.push(...m.jobs);
      pump(m.runId);
      break;
    }
    case 'end':
      runs.delete(m.runId);
      inFlight.delete(m.runId);
      break;
    case 'closeClient':
      clients.get(m.runner)?.client.close();
      clients.delete(m.runner);
      break;
  }
});
