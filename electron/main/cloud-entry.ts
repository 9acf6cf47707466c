/**
 * The bundled cloud's process: Electron's utility process in the packaged app (better-sqlite3
 * rebuilt for Electron at packaging time), the system Node when run from source. Never the main
 * process. Tells its parent where it listens: `{ type: 'ready', baseUrl, adminToken }`.
 */
import { parseArgs } from 'node:util';
import { startCloud } from '../cloud/cloud.js';

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

type Ready =
  { type: 'ready'; baseUrl: string; adminToken: string } | { type: 'error'; message: string };

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

function tell(message: Ready) {
  if (parentPort) parentPort.postMessage(message);
  else if (process.send) process.send(message);
  else console.log(JSON.stringify(message));
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '0' },
      'admin-token': { type: 'string' },
    },
    strict: true,
  });
  if (!values.db) throw new Error('--db is required');
  const cloud = await startCloud({
    db: values.db,
    port: Number(values.port),
    ...(values['admin-token'] ? { adminToken: values['admin-token'] } : {}),
  });
  tell({ type: 'ready', baseUrl: cloud.baseUrl, adminToken: cloud.adminToken });

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    cloud.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  parentPort?.on('message', (e) => {
    if ((e.data as { type?: string } | null)?.type === 'stop') stop();
  });
}

main().catch((e: unknown) => {
  tell({ type: 'error', message: (e as Error).message });
  process.exit(1);
});
