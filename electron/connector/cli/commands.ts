/**
 * The connector's commands: each runs on a started core and resolves to the JSON the command
 * line prints (or prints itself, as `watch` does). A failure that has more to say than its
 * error (a sign-in whose service is in error) throws a CliFailure with the whole body.
 */
import { describeError } from '../../../shared/errors/index.js';
import { CODES } from '../../../shared/errors/codes.js';
import type { ConnectorCore, ConnectorSnapshot } from '../core/connector-core.js';
import { snapshotWhere } from '../core/snapshot-where.js';
import { ConnectorError } from '../connector-error.js';
import { errorView, view, type ErrorView } from './view.js';

export const USAGE = `Usage: npm run connector -- --cloud <url> [options] <command>
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

/** A failed command's whole answer: its error and whatever else explains it. */
export class CliFailure extends Error {
  constructor(readonly body: { error: ErrorView } & Record<string, unknown>) {
    super(body.error.message);
  }
}

export interface CommandInput {
  core: ConnectorCore;
  /** The command's argument (the app of `open`). */
  arg: string | undefined;
  user: string | undefined;
  password: string | undefined;
  method: string | undefined;
  port: number;
  trace: boolean;
}

export const print = (value: unknown, pretty = true) =>
  process.stdout.write(`${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);

export const usage = (message: string) => new ConnectorError(CODES.USAGE, `${message}\n${USAGE}`);

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

/** The core, started, once it has settled. */
async function started(core: ConnectorCore): Promise<ConnectorSnapshot> {
  await core.start();
  return settled(core);
}

async function login({ core, user, password, method }: CommandInput) {
  if (!user || !password) throw usage('login needs --user and --password.');
  if (method && method !== 'saml' && method !== 'oidc') {
    throw new ConnectorError(CODES.USAGE, '--method must be saml or oidc.');
  }
  if (method) {
    const found = await core.api.discover(user);
    if (found.protocol !== method) {
      throw new ConnectorError(
        CODES.METHOD_MISMATCH,
        `${user} signs in with ${found.protocol.toUpperCase()} through "${found.idpName}", not ${method.toUpperCase()}.`,
      );
    }
  }
  core.signIn(user);
  const s = await settled(core);
  if (s.auth.status === 'unauthenticated') {
    const last = s.auth.lastError;
    throw new ConnectorError(
      last?.code ?? CODES.INTERNAL,
      last ? describeError(last.code, last.reason).message : 'Sign-in failed.',
    );
  }
  if (s.service.status === 'error') {
    // Signed in, but the service is in error (e.g. the Okta sync error): not a success.
    const { code, reason } = s.service;
    throw new CliFailure({ error: errorView(code, undefined, reason), ...view(s) });
  }
  return view(s);
}

async function apps({ core }: CommandInput) {
  await started(core);
  return (await core.refreshApps()).map((a) => ({
    app: a.app,
    name: a.name,
    ports: a.ports,
    forwarding: a.forwarding,
    access: a.decision.outcome,
    code: a.decision.code,
    message: a.decision.message,
  }));
}

async function open({ core, arg, port, trace }: CommandInput) {
  if (!arg) throw usage('open needs an app, e.g. open intranet.acme.example.');
  await started(core);
  const { decision, connection } = await core.openApp(arg, port);
  return {
    app: arg,
    port,
    access: decision.outcome,
    code: decision.code,
    message: decision.message,
    ...(decision.outcome !== 'allowed'
      ? { error: errorView(decision.code, decision.message) }
      : {}),
    ...(connection ? { connection } : {}),
    ...(trace ? { trace: decision.trace } : {}),
  };
}

async function authenticate({ core, password }: CommandInput) {
  if (!password) throw new ConnectorError(CODES.USAGE, 'authenticate needs --password.');
  await started(core);
  core.authenticate();
  await new Promise((r) => setTimeout(r, 20));
  return view(await settled(core));
}

/** Prints each state change as a JSON line until SIGINT or SIGTERM; prints nothing at the end. */
async function watch({ core }: CommandInput) {
  const line = (s: ConnectorSnapshot) => print({ at: new Date().toISOString(), ...view(s) }, false);
  core.on('state', line);
  await core.start();
  line(core.snapshot());
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return undefined;
}

async function logout({ core }: CommandInput) {
  await core.start();
  core.signOut();
  await new Promise((r) => setTimeout(r, 100));
  return view(core.snapshot());
}

export const COMMANDS: Record<string, (input: CommandInput) => Promise<unknown>> = {
  login,
  status: async ({ core }) => view(await started(core)),
  apps,
  open,
  watch,
  authenticate,
  logout,
};
