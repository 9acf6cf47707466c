/**
 * The connector's command line, for support and scripting. Each command prints JSON; errors
 * print JSON with the error code and exit non-zero.
 *   npm run connector -- --cloud <url> --user <name> --password <pw> [--method saml|oidc] login
 *   npm run connector -- --cloud <url> status | apps | open <app> [--port n] [--trace] | watch
 *   npm run connector -- --cloud <url> --password <pw> authenticate | logout
 */
import { parseArgs } from 'node:util';
import { describeError } from '../../shared/errors/index.js';
import type { ConnectorSnapshot } from './core/connector-core.js';
import { ConnectorCore } from './core/connector-core.js';
import { snapshotWhere } from './core/snapshot-where.js';
import { ConnectorError } from './connector-error.js';
import { HttpFormBrowser } from './http-browser.js';
import { defaultStateDir, FileSecretStore, loadState, saveState } from './state-file.js';
import { CODES } from '../../shared/errors/codes.js';
import { authLabel, channelLabel, serviceLabel } from '../../shared/state/status.js';

const USAGE = `Usage: npm run connector -- --cloud <url> [options] <command>
Commands:
  login          sign in (needs --user and --password; --method saml|oidc checks the IdP's protocol)
  status         the Service Status and Authentication Status
  apps           your private applications with forwarding and access result
  open <app>     open an app connection (--port, default 443; --trace shows the policy trace)
  watch          print each state change as a JSON line until Ctrl+C
  authenticate   authenticate again (needs --password)
  logout         end the session
Options:
  --cloud <url>        the cloud's base URL (default http://127.0.0.1:8787)
  --user <name>        username (email)
  --password <pw>      password at the bundled IdP
  --method saml|oidc   expected sign-in method
  --state-dir <dir>    where the device id and session are kept`;

const print = (value: unknown, pretty = true) =>
  process.stdout.write(`${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);

function fail(e: unknown): never {
  const err =
    e instanceof ConnectorError ? e : new ConnectorError(CODES.INTERNAL, (e as Error).message);
  return failWith({ error: errorView(err.code, err.message) });
}

/** Prints the error JSON (`{ error: {...}, ... }`) and exits non-zero. */
function failWith(body: { error: ReturnType<typeof errorView> } & Record<string, unknown>): never {
  print(body);
  process.exit(1);
}

function errorView(code: string, message?: string, reason?: string, vendor?: string) {
  const entry = describeError(code, reason, vendor);
  return {
    code,
    ...(reason ? { reason } : {}),
    title: entry.title,
    message: message ?? entry.message,
    cause: entry.cause,
    userAction: entry.userAction,
    adminAction: entry.adminAction,
  };
}

/** The state as the real client shows it: Service Status and Authentication Status. */
function view(s: ConnectorSnapshot) {
  const service =
    s.service.status === 'error'
      ? {
          status: serviceLabel(s.service),
          ...errorView(s.service.code, undefined, s.service.reason),
        }
      : s.service.status === 'on'
        ? {
            status: serviceLabel(s.service),
            broker: s.service.broker,
            since: new Date(s.service.since).toISOString(),
            ...s.service.stats,
          }
        : { status: serviceLabel(s.service) };
  const a = s.auth;
  const authentication =
    a.status === 'authenticated'
      ? {
          status: authLabel(a),
          user: a.user,
          idp: a.idp,
          method: a.method,
          authTime: new Date(a.authTime).toISOString(),
          expiresAt: a.expiresAt ? new Date(a.expiresAt).toISOString() : null,
          scimReady: a.scimReady,
        }
      : a.status === 'reauthRequired'
        ? {
            status: authLabel(a),
            reason: a.reason,
            apps: a.apps,
            user: a.user,
            idp: a.idp,
          }
        : a.status === 'authenticating'
          ? { status: authLabel(a), method: a.method }
          : {
              status: authLabel(a),
              ...(a.lastError
                ? { lastError: errorView(a.lastError.code, undefined, a.lastError.reason) }
                : {}),
            };
  return {
    cloud: s.cloudUrl,
    deviceId: s.deviceId,
    service,
    authentication,
    ...(channelLabel(s.channel) ? { cloudUpdates: channelLabel(s.channel) } : {}),
    ...(s.session
      ? {
          session: {
            id: s.session.id,
            scimStatus: s.session.scimStatus,
            scimReady: s.session.scimReady,
          },
        }
      : {}),
    connections: s.connections.map((c) => ({
      id: c.id,
      app: c.app,
      port: c.port,
      bytesSent: c.bytesSent,
      bytesReceived: c.bytesReceived,
    })),
  };
}

/** Resolves once the core is in a state a command can report (not mid sign-in or connecting). */
function settled(core: ConnectorCore, timeoutMs = 20_000): Promise<ConnectorSnapshot> {
  const done = (s: ConnectorSnapshot) =>
    s.auth.status !== 'authenticating' &&
    s.service.status !== 'connecting' &&
    s.service.status !== 'disconnecting';
  return snapshotWhere(core, done, timeoutMs).then(
    // Let the push channel's snapshot land before reporting.
    () => new Promise((resolve) => setTimeout(() => resolve(core.snapshot()), 50)),
    (last: ConnectorSnapshot) => last,
  );
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
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
    return fail(new ConnectorError(CODES.USAGE, `${(e as Error).message}\n${USAGE}`));
  }
  const { values, positionals } = parsed;
  const [command, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const cloud = values.cloud!.replace(/\/+$/, '');
  const dir = values['state-dir']!;
  const state = await loadState(dir, cloud);
  await saveState(dir, state); // keep the device id stable from the first run on
  const secrets = new FileSecretStore(dir, cloud);
  const stored = await secrets.load();
  const username = values.user ?? stored?.username ?? '';
  const browser = new HttpFormBrowser({ username, password: values.password ?? '' });
  const core = new ConnectorCore({ cloudUrl: cloud, deviceId: state.deviceId, browser, secrets });
  const finish = (value: unknown) => {
    core.dispose();
    print(value);
  };

  switch (command) {
    case 'login': {
      if (!values.user || !values.password)
        throw new ConnectorError(CODES.USAGE, `login needs --user and --password.\n${USAGE}`);
      if (values.method && values.method !== 'saml' && values.method !== 'oidc') {
        throw new ConnectorError(CODES.USAGE, '--method must be saml or oidc.');
      }
      if (values.method) {
        const found = await core.api.discover(values.user);
        if (found.protocol !== values.method) {
          throw new ConnectorError(
            CODES.METHOD_MISMATCH,
            `${values.user} signs in with ${found.protocol.toUpperCase()} through "${found.idpName}", not ${values.method.toUpperCase()}.`,
          );
        }
      }
      core.signIn(values.user);
      const s = await settled(core);
      if (s.auth.status === 'unauthenticated') {
        core.dispose();
        const last = s.auth.lastError;
        return fail(
          new ConnectorError(
            last?.code ?? CODES.INTERNAL,
            s.auth.lastError ? describeError(last!.code, last!.reason).message : 'Sign-in failed.',
          ),
        );
      }
      if (s.service.status === 'error') {
        // Signed in, but the service is in error (e.g. the Okta sync error): not a success.
        core.dispose();
        const { code, reason } = s.service;
        return failWith({ error: errorView(code, undefined, reason), ...view(s) });
      }
      return finish(view(s));
    }
    case 'status':
      await core.start();
      return finish(view(await settled(core)));
    case 'apps': {
      await core.start();
      await settled(core);
      const apps = await core.refreshApps();
      return finish(
        apps.map((a) => ({
          app: a.app,
          name: a.name,
          ports: a.ports,
          forwarding: a.forwarding,
          access: a.decision.outcome,
          code: a.decision.code,
          message: a.decision.message,
        })),
      );
    }
    case 'open': {
      if (!arg)
        throw new ConnectorError(
          CODES.USAGE,
          `open needs an app, e.g. open intranet.acme.example.\n${USAGE}`,
        );
      await core.start();
      await settled(core);
      const { decision, connection } = await core.openApp(arg, Number(values.port));
      return finish({
        app: arg,
        port: Number(values.port),
        access: decision.outcome,
        code: decision.code,
        message: decision.message,
        ...(decision.outcome !== 'allowed'
          ? { error: errorView(decision.code, decision.message) }
          : {}),
        ...(connection ? { connection } : {}),
        ...(values.trace ? { trace: decision.trace } : {}),
      });
    }
    case 'authenticate': {
      if (!values.password) throw new ConnectorError(CODES.USAGE, 'authenticate needs --password.');
      await core.start();
      await settled(core);
      core.authenticate();
      await new Promise((r) => setTimeout(r, 20));
      return finish(view(await settled(core)));
    }
    case 'watch': {
      core.on('state', (s: ConnectorSnapshot) =>
        print({ at: new Date().toISOString(), ...view(s) }, false),
      );
      await core.start();
      print({ at: new Date().toISOString(), ...view(core.snapshot()) }, false);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      core.dispose();
      return;
    }
    case 'logout': {
      await core.start();
      core.signOut();
      await new Promise((r) => setTimeout(r, 100));
      return finish(view(core.snapshot()));
    }
    default:
      throw new ConnectorError(CODES.USAGE, `Unknown command "${command}".\n${USAGE}`);
  }
}

main().then(() => process.exit(0), fail);
