/**
 * `npm run start:web -- [--port <n>] [--cloud <url> | --db <file | :memory:>] [--user-data <dir>]`:
 * the Client Connector in a browser. Starts the bundled cloud (or uses --cloud), builds the
 * renderer if it is missing, and serves the app on 127.0.0.1 until SIGINT or SIGTERM. Prints
 * (and, with a desktop, opens) the app's URL with this launch's secret: only a browser that
 * opened it may use the app.
 */
import { spawnSync } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closeOnSignals, isPort } from '../platform/shutdown.js';
import { userDataDir } from '../platform/user-data-dir.js';
import { openInBrowser } from './open-browser.js';
import { DEFAULT_RENDERER_DIR, REPO_ROOT, startWebShell, type RunningWebShell } from './server.js';

/** When this module's body starts: its imports (the bundle's first chunk) are loaded by then. */
const mainEvaluatedMs = performance.now();

const USAGE = `Usage: npm run start:web -- [--port <n>] [--cloud <url>] [--db <file | :memory:>]
                            [--cloud-port <n>] [--admin-token <token>] [--user-data <dir>]
                            [--renderer <dir>] [--no-build] [--no-open] [--json]`;

const CLI_OPTIONS = {
  port: { type: 'string', default: '5180' },
  cloud: { type: 'string' },
  db: { type: 'string' },
  'cloud-port': { type: 'string', default: '0' },
  'admin-token': { type: 'string' },
  'user-data': { type: 'string', default: userDataDir() },
  renderer: { type: 'string', default: DEFAULT_RENDERER_DIR },
  'no-build': { type: 'boolean', default: false },
  /** Do not open the app in the default browser (it is printed either way). */
  'no-open': { type: 'boolean', default: false },
  /**
   * Print JSON lines (for tests and scripts): `{ listening, url, startup }` once the window can
   * load, `{ ready, url, cloudUrl, adminToken, pid }` once the cloud is up; opens no browser.
   */
  json: { type: 'boolean', default: false },
  /** Set by `npm start` when it falls back from Electron: why. */
  'electron-unavailable': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

type Cli = ReturnType<typeof parseArgs<{ options: typeof CLI_OPTIONS; strict: true }>>['values'];

async function main() {
  const args = parseCli();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (![port, Number(args['cloud-port'])].every(isPort)) {
    usageError('--port and --cloud-port must be integers between 0 and 65535.');
  }
  if (!args['no-build']) await buildRendererIfMissing(args.renderer);
  const portGiven = process.argv.some((a) => a === '--port' || a.startsWith('--port='));
  const shell = await startShell(args, port).catch((e: NodeJS.ErrnoException) => {
    // The default port is taken (another web shell?): any free port will do.
    if (e.code === 'EADDRINUSE' && !portGiven) return startShell(args, 0);
    throw e;
  });
  if (args.json) printReadyLine(args, shell);
  else printStarted(args, shell);
  closeOnSignals(() => shell.close(), {
    what: 'web shell',
    quiet: args.json,
    forceAfterMs: 10_000,
  });
}

function parseCli(): Cli {
  try {
    return parseArgs({ options: CLI_OPTIONS, strict: true }).values;
  } catch (e) {
    usageError((e as Error).message);
  }
}

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** One Vite build makes the window and the cloud's admin console (console/index.html). */
async function buildRendererIfMissing(rendererDir: string) {
  const pages = ['index.html', join('console', 'index.html')].map((f) => join(rendererDir, f));
  const built = await Promise.all(
    pages.map((f) =>
      access(f).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (built.every(Boolean)) return;
  console.log('The renderer is not built yet: running "npm run build:renderer".');
  const r = spawnSync('npm', ['run', 'build:renderer'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) console.error('The renderer build failed: the web shell serves a notice.');
}

const cloudDb = (args: Cli) => args.db ?? join(args['user-data'], 'cloud.db');

function startShell(args: Cli, port: number): Promise<RunningWebShell> {
  return startWebShell({
    port,
    rendererDir: args.renderer,
    userDataDir: args['user-data'],
    // The window can load while the bundled cloud starts (it says it is connecting meanwhile):
    // scripts are told where, a person's browser opens it.
    onListening: (url: string) => {
      if (args.json) console.log(JSON.stringify({ listening: true, url, startup: startupTimes() }));
      else if (!args['no-open']) openInBrowser(url);
    },
    cloud: args.cloud
      ? { url: args.cloud }
      : {
          bundled: {
            db: cloudDb(args),
            port: Number(args['cloud-port']),
            ...(args['admin-token'] ? { adminToken: args['admin-token'] } : {}),
          },
        },
  });
}

function printReadyLine(args: Cli, shell: RunningWebShell) {
  console.log(
    JSON.stringify({
      ready: true,
      // The URL with the launch secret: what a script or a test browser opens.
      url: shell.launchUrl,
      cloudUrl: shell.cloud?.baseUrl ?? args.cloud!,
      adminToken: shell.cloud?.adminToken ?? null,
      pid: process.pid,
      startup: startupTimes(),
    }),
  );
}

function printStarted(args: Cli, shell: RunningWebShell) {
  if (args['electron-unavailable']) {
    console.log(
      `Electron is not available (${args['electron-unavailable']}): running the web shell instead.`,
    );
  }
  console.log(`Client Connector (web shell): ${shell.launchUrl}`);
  console.log('  (open this address: it carries the secret of this launch; keep it to yourself)');
  if (shell.cloud) {
    console.log(`Bundled cloud: ${shell.cloud.baseUrl} (database ${cloudDb(args)})`);
    console.log(`Admin console: ${shell.cloud.baseUrl}/admin`);
    if (!args['admin-token'])
      console.log(`Cloud admin token (shown once): ${shell.cloud.adminToken}`);
    console.log('Demo users sign in with the password Passw0rd! (see README).');
  } else console.log(`Cloud: ${args.cloud!}`);
  console.log('Ctrl+C stops it.');
}

/**
 * Milestones of this start so far, in ms since the process began (for `--json` readers' figures):
 * Node's, this module's, and the server's `web-shell:*` marks (server.ts).
 */
function startupTimes(): Record<string, number> {
  const marks = performance
    .getEntriesByType('mark')
    .filter((m) => m.name.startsWith('web-shell:'))
    .map((m) => [`${m.name.slice('web-shell:'.length)}Ms`, Math.round(m.startTime)]);
  return {
    timeOrigin: performance.timeOrigin,
    nodeBootstrappedMs: Math.round(performance.nodeTiming.bootstrapComplete),
    mainEvaluatedMs: Math.round(mainEvaluatedMs),
    ...Object.fromEntries(marks),
    nowMs: Math.round(performance.now()),
  };
}

main().catch((e: unknown) => {
  console.error(`The web shell could not start: ${(e as Error).message}`);
  process.exit(1);
});
