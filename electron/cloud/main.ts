/**
 * `npm run cloud -- --port <n> --db <file | :memory:> --admin-token <token>`: runs the mock
 * private-access cloud alone on 127.0.0.1 until SIGINT or SIGTERM.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeOnSignals, isPort } from '../platform/shutdown.js';
import { userDataDir } from '../platform/user-data-dir.js';
import { buildConsoleIfMissing } from './admin/console-build.js';
import { startCloud } from './cloud.js';
import { DEMO_PASSWORD } from './seed/demo-tenant.js';

/** The default database, in the per-user data directory. */
export const defaultDbFile = (): string => join(userDataDir(), 'cloud.db');

const USAGE = `Usage: npm run cloud -- [--port <n>] [--host <addr>] [--db <file | :memory:>]
                        [--admin-token <token>] [--public-url <url>] [--no-seed]`;

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string', default: defaultDbFile() },
        'admin-token': { type: 'string' },
        'public-url': { type: 'string' },
        'no-seed': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!isPort(port)) {
    console.error(`--port must be an integer between 0 and 65535.\n${USAGE}`);
    process.exit(2);
  }
  buildConsoleIfMissing();
  const cloud = await startCloud({
    port,
    host: args.host,
    db: args.db!,
    adminToken: args['admin-token'],
    publicUrl: args['public-url'],
    seed: !args['no-seed'],
  });
  console.log(`Private Access Cloud listening on ${cloud.baseUrl}`);
  console.log(`Database: ${args.db}`);
  console.log(`Admin console: ${cloud.baseUrl}/admin`);
  if (!args['admin-token']) console.log(`Admin token (shown once): ${cloud.adminToken}`);
  for (const idp of cloud.idps.list()) {
    console.log(
      `IdP "${idp.name}" (${idp.protocol}, ${idp.vendor}): SCIM endpoint ${idp.scimEndpoint}`,
    );
  }
  console.log(
    `Demo directory users sign in with the password ${DEMO_PASSWORD}. Ctrl+C stops the cloud.`,
  );

  closeOnSignals(() => cloud.close(), { what: 'cloud' });
}

main().catch((e: unknown) => {
  console.error(`The cloud could not start: ${(e as Error).message}`);
  process.exit(1);
});
