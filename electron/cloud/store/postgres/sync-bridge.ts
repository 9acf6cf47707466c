import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * PostgreSQL, called synchronously. The store interface is synchronous (it was written for
 * better-sqlite3, and ~60 files call it), so the `pg` client runs in a worker thread that owns
 * the connection, and the calling thread blocks on Atomics.wait until the worker has the answer
 * (the technique of the synckit package, in the few lines this needs). One connection per bridge
 * (a cloud's store, or a workshop's stores, one schema each: postgres-store.ts): statements run
 * one at a time in call order, so BEGIN ... COMMIT on it is the store's transaction, and a COMMIT
 * has returned before the call that issued it does.
 *
 * The worker is eval'd source, like the SQLite checkpointer's: the cloud is bundled into one file
 * (build/build-electron.mjs), where a worker file beside the code would not exist. It knows only
 * how to run a statement; everything else (dialect, transactions, errors) is on this side.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
let pg, loadError;
try { pg = require(workerData.driver); } catch (e) { loadError = e; }
const { port, url, notifyPort } = workerData;
const signal = new Int32Array(workerData.signal);
// 64-bit integers (counts, millisecond times, identities) as numbers, as better-sqlite3 gives them.
const types = pg && { getTypeParser: (oid, format) => oid === 20 ? Number : pg.types.getTypeParser(oid, format) };
let client;
let broken = true;
const statementNames = new Map();
// The search_path the connection has (stores in several schemas share it, pg-db.ts): set again
// only when a statement of another schema comes; unknown after a reconnect.
let searchPath;
async function connection() {
  if (!broken) return client;
  if (client) client.end().catch(() => {});
  client = new pg.Client({ connectionString: url, types });
  client.on('error', () => { broken = true; });
  await client.connect();
  broken = false;
  statementNames.clear();
  searchPath = undefined;
  return client;
}
// The second connection: LISTEN on the channels of the stores on this bridge (one per schema),
// each notification posted to the calling thread as it comes (not our own: those the main
// connection sent). 'up' / 'down' tell a channel when notifications may have been missed, so
// caches can stop trusting and start afresh. Changes to it run one at a time (serially).
const channels = new Set();
let listener, closing = false, listenerWork = Promise.resolve();
function serially(fn) {
  const done = listenerWork.then(fn);
  listenerWork = done.catch(() => {});
  return done;
}
function tell(channel, state) { notifyPort.postMessage({ channel, state }); }
async function connectListener() {
  const c = new pg.Client({ connectionString: url });
  c.on('notification', (n) => {
    if (client && n.processId === client.processID) return;
    notifyPort.postMessage({ channel: n.channel, payload: n.payload });
  });
  const lost = () => {
    if (listener !== c || closing) return;
    listener = undefined;
    for (const ch of channels) tell(ch, 'down');
    c.end().catch(() => {});
    setTimeout(relisten, 500);
  };
  c.on('error', lost);
  c.on('end', lost);
  listener = c;
  try {
    await c.connect();
    for (const ch of channels) await c.query('LISTEN ' + ch);
  } catch (e) {
    lost();
    throw e;
  }
  for (const ch of channels) tell(ch, 'up');
}
function relisten() {
  serially(() => (!closing && !listener && channels.size > 0 ? connectListener() : undefined))
    .catch(() => {});
}
async function addChannel(ch) {
  channels.add(ch);
  try {
    if (!listener) return await connectListener();
    await listener.query('LISTEN ' + ch);
  } catch (e) {
    channels.delete(ch); // the store that asked does not open
    throw e;
  }
  tell(ch, 'up');
}
async function removeChannel(ch) {
  channels.delete(ch);
  // A listener that is failing will be replaced by one that LISTENs only to what is left.
  if (listener) await listener.query('UNLISTEN ' + ch).catch(() => {});
}
async function run(m) {
  if (m.op === 'ping') return { rows: [], rowCount: 0 };
  if (loadError) throw loadError;
  if (m.op === 'close') {
    closing = true;
    await listenerWork;
    if (listener) await listener.end().catch(() => {});
    if (client) await client.end().catch(() => {});
    return { closed: true };
  }
  if (m.op === 'listen' || m.op === 'unlisten') {
    await serially(() => (m.op === 'listen' ? addChannel : removeChannel)(m.channel));
    return { rows: [], rowCount: 0 };
  }
  const c = await connection();
  if (m.searchPath !== undefined && m.searchPath !== searchPath) {
    await c.query("SELECT set_config('search_path', $1, false)", [m.searchPath]);
    searchPath = m.searchPath;
  }
  if (m.before) await c.query(m.before);
  if (m.op === 'exec') {
    await c.query(m.text);
    return { rows: [], rowCount: 0 };
  }
  let name = statementNames.get(m.text);
  if (name === undefined) statementNames.set(m.text, (name = 's' + statementNames.size));
  const r = await c.query({ name, text: m.text, values: m.values });
  return { rows: r.rows, rowCount: r.rowCount ?? 0 };
}
port.on('message', (m) => {
  run(m).then(
    (reply) => reply,
    (e) => ({ error: { message: e.message, code: e.code, detail: e.detail } }),
  ).then((reply) => {
    port.postMessage({ id: m.id, ...reply });
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
});
`;

export type BridgeRequest =
  /**
   * before: transaction control to run first (several statements, no parameters). searchPath:
   * the schema(s) the statement is for, set on the connection first if it has another.
   */
  | { op: 'query'; before?: string; text: string; values: unknown[]; searchPath?: string }
  | { op: 'exec'; text: string; searchPath?: string }
  /** LISTEN (UNLISTEN) on the second connection; notifications arrive through listen()'s fn. */
  | { op: 'listen' | 'unlisten'; channel: string }
  /** A round trip to the worker alone: what the bridge itself costs. */
  | { op: 'ping' }
  | { op: 'close' };

export interface BridgeReply {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** An error PostgreSQL (or the connection) reported, with its SQLSTATE in pgCode. */
export class PgError extends Error {
  constructor(
    message: string,
    readonly pgCode: string | undefined,
    readonly detail: string | undefined,
  ) {
    super(message);
  }
}

/** What the listening connection tells a channel: a notification's payload, or that it went down or up. */
export type BridgeNotice = { payload: string } | { state: 'down' | 'up' };

export class SyncBridge {
  private readonly worker: Worker;
  private readonly port;
  /** Notifications come on their own port, so they never mix with the answers call() waits for. */
  private readonly notices;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly listeners = new Map<string, (notice: BridgeNotice) => void>();
  /** The store (pg-db.ts) whose transaction is open on the connection, if any. */
  transactionOf: object | undefined;
  private nextId = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly timeoutMs = 30_000,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const notices = new MessageChannel();
    this.notices = notices.port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('pg'),
        url,
        port: port2,
        notifyPort: notices.port2,
        signal: this.signal.buffer,
      },
      transferList: [port2, notices.port2],
    });
    // The cloud's close() ends it; a forgotten store must not keep the process alive.
    this.worker.unref();
    this.notices.on('message', ({ channel, ...notice }: BridgeNotice & { channel: string }) =>
      this.listeners.get(channel)?.(notice),
    );
    this.notices.unref();
  }

  /**
   * LISTENs on `channel` and calls `fn` with each of its notices (between calls, on the event
   * loop); returns once the LISTEN is in place. One listener per channel.
   */
  listen(channel: string, fn: (notice: BridgeNotice) => void): void {
    if (this.listeners.has(channel)) throw new Error(`Channel ${channel} has a listener already.`);
    this.listeners.set(channel, fn);
    try {
      this.call({ op: 'listen', channel });
    } catch (e) {
      this.listeners.delete(channel);
      throw e;
    }
  }

  unlisten(channel: string): void {
    if (!this.listeners.delete(channel) || this.closed) return;
    this.call({ op: 'unlisten', channel });
  }

  /** Sends one request and blocks this thread until the worker answers it. */
  call(request: BridgeRequest): BridgeReply {
    if (this.closed) throw new Error('The PostgreSQL store is closed.');
    const id = ++this.nextId;
    // Not Date.now(): inside the OIDC IdP it reads the simulated clock (oidc/idp-time.ts), which
    // on a shared store may read the database: a call nested in this one would take its reply.
    const deadline = performance.now() + this.timeoutMs;
    this.port.postMessage({ id, ...request });
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const message = receiveMessageOnPort(this.port);
      if (message) {
        const reply = message.message as BridgeReply & { id: number; error?: PgErrorShape };
        if (reply.id !== id) continue; // the late answer to a call that timed out
        if (reply.error) {
          throw new PgError(reply.error.message, reply.error.code, reply.error.detail);
        }
        return reply;
      }
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(this.signal, 0, seen, left) === 'timed-out') {
        throw new PgError(`PostgreSQL did not answer within ${this.timeoutMs} ms.`, undefined, '');
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.call({ op: 'close' });
    this.closed = true;
    this.notices.close();
    await this.worker.terminate();
  }
}

interface PgErrorShape {
  message: string;
  code?: string;
  detail?: string;
}
