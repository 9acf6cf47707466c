/**
 * Starts the bundled cloud outside the main process (SQLite stays out of it): in a utility
 * process when packaged, with the system Node from source (`npm start`), where better-sqlite3
 * is built for that Node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';

export interface BundledCloud {
  baseUrl: string;
  adminToken: string;
  stop(): void;
}

type Ready =
  { type: 'ready'; baseUrl: string; adminToken: string } | { type: 'error'; message: string };

export function startBundledCloud(opts: {
  packaged: boolean;
  /** dist/electron when packaged; the repository root from source. */
  appDir: string;
  db: string;
  adminToken?: string;
  /** The system Node from source (npm start passes it). */
  nodePath?: string;
  timeoutMs?: number;
}): Promise<BundledCloud> {
  const args = ['--db', opts.db, '--port', '0'];
  if (opts.adminToken) args.push('--admin-token', opts.adminToken);
  let child: UtilityProcess | ChildProcess;
  let onMessage: (listener: (m: unknown) => void) => void;
  let onExit: (listener: (code: number | null) => void) => void;
  if (opts.packaged) {
    const proc = utilityProcess.fork(join(opts.appDir, 'cloud-process.cjs'), args, {
      serviceName: 'Private Access Cloud',
      stdio: 'inherit',
    });
    child = proc;
    onMessage = (l) => proc.on('message', l);
    onExit = (l) => proc.once('exit', l);
  } else {
    const proc = spawn(
      opts.nodePath ?? 'node',
      ['--import', 'tsx', join(opts.appDir, 'electron', 'main', 'cloud-entry.ts'), ...args],
      { cwd: opts.appDir, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    child = proc;
    onMessage = (l) => proc.on('message', l);
    onExit = (l) => proc.once('exit', l);
  }
  const stop = () => {
    if ('pid' in child && child.pid !== undefined) child.kill('SIGTERM');
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('The bundled cloud did not start in time.'));
    }, opts.timeoutMs ?? 30_000);
    onExit((code) => {
      clearTimeout(timer);
      reject(new Error(`The bundled cloud exited (${code ?? 'signal'}).`));
    });
    onMessage((m) => {
      const msg = m as Ready;
      clearTimeout(timer);
      if (msg.type === 'ready') resolve({ baseUrl: msg.baseUrl, adminToken: msg.adminToken, stop });
      else reject(new Error(`The bundled cloud could not start: ${msg.message}`));
    });
  });
}
