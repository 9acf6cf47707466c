/**
 * The connector's command line, for support and scripting. Each command prints JSON; errors
 * print JSON with the error code and exit non-zero.
 *   npm run connector -- --cloud <url> --user <name> --password <pw> [--method saml|oidc] login
 *   npm run connector -- --cloud <url> status | apps | open <app> [--port n] [--trace] | watch
 *   npm run connector -- --cloud <url> --password <pw> authenticate | logout
 * The commands are in cli/commands.ts, what they print in cli/view.ts.
 */
import { parseArgs } from 'node:util';
import { CODES } from '../../shared/errors/codes.js';
import { CliFailure, COMMANDS, print, usage, USAGE } from './cli/commands.js';
import { errorView } from './cli/view.js';
import { ConnectorCore } from './core/connector-core.js';
import { ConnectorError } from './connector-error.js';
import { HttpFormBrowser } from './http-browser.js';
import { defaultStateDir, FileSecretStore, loadState, saveState } from './state-file.js';
import { withoutTrailingSlashes } from '../../shared/url.js';

/** Prints the error JSON (`{ error: {...}, ... }`) and exits non-zero. */
function fail(e: unknown): never {
  if (e instanceof CliFailure) print(e.body);
  else {
    const err =
      e instanceof ConnectorError ? e : new ConnectorError(CODES.INTERNAL, (e as Error).message);
    print({ error: errorView(err.code, err.message) });
  }
  process.exit(1);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        cloud: { type: 'string', default: 'http://127.0.0.1:8787' },
        user: { type: 'string' },
        password: { type: 'string' },
        method: { type: 'string' },
        port: { type: 'string', default: '443' },
        trace: { type: 'boolean', default: false },
        'state-dir': { type: 'string', default: defaultStateDir() },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw usage((e as Error).message);
  }
}

async function main() {
  const { values, positionals } = parse();
  const [command, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const run = COMMANDS[command];
  if (!run) throw usage(`Unknown command "${command}".`);
  const cloud = withoutTrailingSlashes(values.cloud!);
  const dir = values['state-dir']!;
  const state = await loadState(dir, cloud);
  await saveState(dir, state); // keep the device id stable from the first run on
  const secrets = new FileSecretStore(dir, cloud);
  const username = values.user ?? (await secrets.load())?.username ?? '';
  const browser = new HttpFormBrowser({ username, password: values.password ?? '' });
  const core = new ConnectorCore({ cloudUrl: cloud, deviceId: state.deviceId, browser, secrets });
  try {
    const out = await run({
      core,
      arg,
      user: values.user,
      password: values.password,
      method: values.method,
      port: Number(values.port),
      trace: values.trace!,
    });
    if (out !== undefined) print(out);
  } finally {
    core.dispose();
  }
}

main().then(() => process.exit(0), fail);
