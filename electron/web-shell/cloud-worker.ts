/**
 * The worker thread of the web shell's bundled cloud (bundled-cloud.ts starts it): starts the
 * cloud with its workerData, says where it listens (or why it could not start), and closes it
 * when told to `stop`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startCloud } from '../cloud/cloud.js';
import type { CloudWorkerMessage, CloudWorkerOptions } from './bundled-cloud.js';

const host = parentPort!;
const tell = (message: CloudWorkerMessage) => host.postMessage(message);
const options = workerData as CloudWorkerOptions;

try {
  const cloud = await startCloud({
    db: options.db,
    port: options.port ?? 0,
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    seed: options.seed ?? true,
  });
  host.once('message', () => {
    void cloud.close().finally(() => {
      tell({ type: 'closed' });
      host.close();
    });
  });
  tell({ type: 'ready', baseUrl: cloud.baseUrl, adminToken: cloud.adminToken });
} catch (e) {
  tell({ type: 'error', message: (e as Error).message });
  host.close();
}
