/** The messages between the engine and the push worker (plain data: they are cloned). */
import type { ScimClientOptions } from './scim-client.js';
import type { UserOutcome, UserPushRun, UserSnapshot } from './user-push.js';

/** A run's users go to the worker under this: which client, how many at once. */
export interface WorkerRun {
  runId: number;
  /** The runner (one per IdP) whose connections the run uses. */
  runner: string;
  /** The client is made anew when this changes (endpoint, token, concurrency). */
  clientKey: string;
  client: Pick<ScimClientOptions, 'baseUrl' | 'token' | 'userAgent' | 'maxSockets'>;
  run: UserPushRun;
  /** Users pushed at once. */
  concurrency: number;
}

export type ToWorker =
  | { t: 'run'; run: WorkerRun }
  /** Users to push; `now` is the simulated time when they were sent. */
  | { t: 'push'; runId: number; now: number; jobs: { job: number; snap: UserSnapshot }[] }
  | { t: 'end'; runId: number }
  | { t: 'closeClient'; runner: string };

export interface JobDone {
  job: number;
  outcome: UserOutcome;
}

export type FromWorker = { t: 'done'; done: JobDone[] };
