/**
 * `npm run start:web -- [--port <n>] [--cloud <url> | --db <file | :memory:>] [--user-data <dir>]`:
 * the Client Connector in a browser. Starts the bundled cloud (or uses --cloud), builds the
 * renderer if it is missing, and serves the app on 127.0.0.1 until SIGINT or SIGTERM. Prints
 * (and, with a desktop, opens) the app's URL with this launch's secret: only a browser that
 * opened it may use the app.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { closeOnSignals, isPort } from '../platform/shutdown.js';
import { userDataDir } from '../platform/user-data-dir.js';
import { openInBrowser } from './open-browser.js';
import { DEFAULT_RENDERER_DIR, REPO_ROOT, startWebShell } from './server.js';

/** When this module's body starts: its imports (the bundle's first chunk) are loaded by then. */
const mainEvaluatedMs = performance.now();

const USAGE = `Usage: npm run start:web -- [--port <n>] [--cloud <url>] [--db <file | :memory:>]
                            [--cloud-port <n>] [--admin-token <token>] [--user-data <dir>]
                            [--renderer <dir>] [--no-build] [--no-open] [--json]`;

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
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
         * Print JSON lines (for tests and scripts): `{ listening, url }` once the window can
         * load, `{ ready, url, cloudUrl, adminToken, pid }` once the cloud is up; opens no browser.
         */
        json: { type: 'boolean', default: false },
        /** Set by `npm start` when it falls back from Electron: why. */
        'electron-unavailable': { type: 'string' },
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
  const cloudPort = Number(args['cloud-port']);
  if (![port, cloudPort].every(isPort)) {
    console.error(`--port and --cloud-port must be integers between 0 and 65535.\n${USAGE}`);
    process.exit(2);
  }
  const userData = args['user-data']!;
  const rendererDir = args.renderer!;

  // One Vite build makes the window and the cloud's admin console (console/index.html).
  const built = ['index.html', join('console', 'index.html')].every((f) =>
    existsSync(join(rendererDir, f)),
  );
  if (!args['no-build'] && !built) {
    console.log('The renderer is not built yet: running "npm run build:renderer".');
    const r = spawnSync('npm', ['run', 'build:renderer'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      shell: process.platform === 'win32',
    });
    if (r.status !== 0) console.error('The renderer build failed: the web shell serves a notice.');
  }

  const start = (p: number) =>
    startWebShell({
      port: p,
      rendererDir,
      userDataDir: userData,
      // The window can load while the bundled cloud starts (it says it is connecting meanwhile):
      // scripts are told where, a person's browser opens it.
      onListening: (url: string) => {
        if (args.json)
          console.log(JSON.stringify({ listening: true, url, startup: startupTimes() }));
        else if (!args['no-open']) openInBrowser(url);
      },
      cloud: args.cloud
        ? { url: args.cloud }
        : {
            bundled: {
              db: args.db ?? join(userData, 'cloud.db'),
              port: cloudPort,
              ...(args['admin-token'] ? { adminToken: args['admin-token'] } : {}),
            },
          },
    });
  const portGiven = process.argv.some((a) => a === '--port' || a.startsWith('--port='));
  const shell = await start(port).catch((e: NodeJS.ErrnoException) => {
    // The default port is taken (another web shell?): any free port will do.
    if (e.code === 'EADDRINUSE' && !portGiven) return start(0);
    throw e;
  });

  const cloudUrl = shell.cloud?.baseUrl ?? args.cloud!;
  if (args.json) {
    console.log(
      JSON.stringify({
        ready: true,
        // The URL with the launch secret: what a script or a test browser opens.
        url: shell.launchUrl,
        cloudUrl,
        adminToken: shell.cloud?.adminToken ?? null,
        pid: process.pid,
      }),
    );
  } else {
    if (args['electron-unavailable']) {
      console.log(
        `Electron is not available (${args['electron-unavailable']}): running the web shell instead.`,
      );
    }
    console.log(`Client Connector (web shell): ${shell.launchUrl}`);
    console.log('  (open this address: it carries the secret of this launch; keep it to yourself)');
    if (shell.cloud) {
      console.log(
        `Bundled cloud: ${shell.cloud.baseUrl} (database ${args.db ?? join(userData, 'cloud.db')})`,
      );
      console.log(`Admin console: ${shell.cloud.baseUrl}/admin`);
      if (!args['admin-token'])
        console.log(`Cloud admin token (shown once): ${shell.cloud.adminToken}`);
      console.log('Demo users sign in with the password Passw0rd! (see README).');
    } else console.log(`Cloud: ${cloudUrl}`);
    console.log('Ctrl+C stops it.');
  }

  closeOnSignals(() => shell.close(), {
    what: 'web shell',
    quiet: args.json,
    forceAfterMs: 10_000,
  });
}

/** Milestones of this start, in ms since the process began (for `--json` readers' figures). */
function startupTimes() {
  return {
    timeOrigin: performance.timeOrigin,
    nodeBootstrappedMs: Math.round(performance.nodeTiming.bootstrapComplete),
    mainEvaluatedMs: Math.round(mainEvaluatedMs),
    listeningMs: Math.round(performance.now()),
  };
}

main().catch((e: unknown) => {
  console.error(`The web shell could not start: ${(e as Error).message}`);
  process.exit(1);
});
