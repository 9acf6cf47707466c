/**
 * `npm run cloud -- --port <n> --db <file | :memory: | postgres://…> --admin-token <token>`: runs the mock
 * private-access cloud alone on 127.0.0.1 until SIGINT or SIGTERM.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeOnSignals, isPort } from '../platform/shutdown.js';
import { userDataDir } from '../platform/user-data-dir.js';
import { buildConsoleIfMissing } from './admin/console-build.js';
import { startCloud } from './cloud.js';
import { isPostgresUrl } from './store/open-store.js';
import { redacted } from './store/postgres/postgres-store.js';
import { DEMO_PASSWORD } from './seed/demo-tenant.js';
import { MAX_ATTENDEES } from '../../shared/contract/cloud-api/workshop.js';
import { attendeeAddressHint } from './workshop/addresses.js';
import { attendeeLinks } from './workshop/routes.js';
import { tenantDatabases } from './workshop/tenant-databases.js';
import { startWorkshop, type RunningWorkshop } from './workshop/workshop.js';

/** The default database, in the per-user data directory. */
export const defaultDbFile = (): string => join(userDataDir(), 'cloud.db');

const USAGE = `Usage: npm run cloud -- [--port <n>] [--host <addr>] [--db <file | :memory: | postgres://…>]
                        [--admin-token <token>] [--public-url <url>] [--no-seed]
                        [--attendees <n>]   (workshop: one tenant per attendee under /t/<k>)`;

type CloudArgs = ReturnType<typeof parseCloudArgs>;

/** The command line, or exit 2 with the usage on a mistake. */
function parseCloudArgs() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string', default: defaultDbFile() },
        'admin-token': { type: 'string' },
        'public-url': { type: 'string' },
        'no-seed': { type: 'boolean', default: false },
        attendees: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main() {
  const args = parseCloudArgs();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!isPort(port)) usageError('--port must be an integer between 0 and 65535.');
  buildConsoleIfMissing();
  if (args.attendees !== undefined) await runWorkshop(args, port);
  else await runCloud(args, port);
}

async function runWorkshop(args: CloudArgs, port: number) {
  const attendees = Number(args.attendees);
  if (!Number.isInteger(attendees) || attendees < 1 || attendees > MAX_ATTENDEES) {
    usageError(`--attendees must be an integer between 1 and ${MAX_ATTENDEES}.`);
  }
  const workshop = await startWorkshop({
    attendees,
    port,
    host: args.host,
    db: args.db,
    adminToken: args['admin-token'],
    publicUrl: args['public-url'],
  });
  // Before the first line out: whoever reads it may stop the cloud at once.
  closeOnSignals(() => workshop.close(), { what: 'workshop cloud' });
  printWorkshop(workshop, args);
}

async function runCloud(args: CloudArgs, port: number) {
  const cloud = await startCloud({
    port,
    host: args.host,
    db: args.db,
    adminToken: args['admin-token'],
    publicUrl: args['public-url'],
    seed: !args['no-seed'],
  });
  // Before the first line out: whoever reads it (a test, a script) may stop the cloud at once.
  closeOnSignals(() => cloud.close(), { what: 'cloud' });
  console.log(`Private Access Cloud listening on ${cloud.baseUrl}`);
  for (const line of attendeeAddressHint({
    baseUrl: cloud.baseUrl,
    host: args.host,
    publicUrlGiven: args['public-url'] !== undefined,
  })) {
    console.log(line);
  }
  console.log(`Database: ${isPostgresUrl(args.db) ? redacted(args.db) : args.db}`);
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
}

function printWorkshop(
  w: RunningWorkshop,
  args: { host: string; 'public-url'?: string; 'admin-token'?: string; db?: string },
) {
  console.log(`Workshop cloud for ${w.tenants.length} attendees on ${w.baseUrl}`);
  for (const line of attendeeAddressHint({
    baseUrl: w.baseUrl,
    host: args.host,
    publicUrlGiven: args['public-url'] !== undefined,
  })) {
    console.log(line);
  }
  console.log(`Database: ${tenantDatabases(args.db!).description}`);
  if (!args['admin-token']) console.log(`Trainer's admin token (shown once): ${w.adminToken}`);
  console.log(`Trainer's console: ${w.baseUrl}/admin   Attendees' links: GET /api/admin/attendees`);
  for (const t of w.tenants) {
    const links = attendeeLinks(w, t);
    console.log(`  attendee ${t.attendee}: ${links.joinUrl}`);
  }
  console.log(`Users sign in with the password ${DEMO_PASSWORD}. Ctrl+C stops the cloud.`);
}

main().catch((e: unknown) => {
  console.error(`The cloud could not start: ${(e as Error).message}`);
  process.exit(1);
});
