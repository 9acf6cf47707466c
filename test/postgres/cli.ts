/**
 * `npm run pg -- --dir <folder> [--port <n>]`: a real PostgreSQL for development, from the npm
 * registry, until Ctrl+C. Prints its URL on a line of its own, for `npm run cloud -- --db <url>`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from './embedded.js';

const USAGE = 'Usage: npm run pg -- --dir <data folder> [--port <n>]   (default port 5432)';

async function main() {
  let values;
  try {
    values = parseArgs({
      options: { dir: { type: 'string' }, port: { type: 'string', default: '5432' } },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const port = Number(values.port);
  if (!values.dir || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(USAGE);
    process.exit(2);
  }
  const pg = await startEmbeddedPostgres(resolve(values.dir), port);
  console.log(`PostgreSQL is running; data in ${resolve(values.dir)}. Ctrl+C stops it.`);
  console.log(pg.url);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void pg.stop().then(() => process.exit(0));
    });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
