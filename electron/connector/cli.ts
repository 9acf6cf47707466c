/**
 * The connector's command line, for support and scripting:
 *   npm run connector -- --cloud <url> --user <name> --password <pw> [--method saml|oidc] login
 *   npm run connector -- --cloud <url> status | logout
 * Prints the resulting state as JSON; errors print JSON with the error code and exit non-zero.
 */
import { parseArgs } from 'node:util';
import { AUTH_CODES } from '../../shared/errors/auth-codes.js';
import { signIn } from './auth/sign-in.js';
import { CloudApi, type SessionView } from './cloud-api.js';
import { ConnectorError } from './connector-error.js';
import { HttpFormBrowser } from './http-browser.js';
import { defaultStateDir, loadState, saveState } from './state-file.js';

const USAGE = `Usage: npm run connector -- --cloud <url> [options] <command>
Commands:
  login     sign in (needs --user and --password; --method saml|oidc checks the IdP's protocol)
  status    show the current sign-in
  logout    end the session
Options:
  --cloud <url>        the cloud's base URL (default http://127.0.0.1:8787)
  --user <name>        username (email)
  --password <pw>      password at the bundled IdP
  --method saml|oidc   expected sign-in method
  --state-dir <dir>    where the device id and session are kept`;

function print(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function fail(e: unknown): never {
  const err =
    e instanceof ConnectorError ? e : new ConnectorError('INTERNAL', (e as Error).message);
  const entry = AUTH_CODES[err.code];
  print({
    error: {
      code: err.code,
      title: entry?.message ?? err.message,
      message: err.message,
      ...(entry
        ? { cause: entry.cause, userAction: entry.userAction, adminAction: entry.adminAction }
        : {}),
    },
  });
  process.exit(1);
}

const authenticated = (cloud: string, s: SessionView) => ({
  cloud,
  deviceId: s.deviceId,
  authentication: {
    status: 'authenticated',
    user: s.userName,
    idp: s.idpName,
    method: s.protocol,
    authTime: s.authTime,
    scimStatus: s.scimStatus,
  },
  session: { id: s.id, createdAt: s.createdAt, attributes: s.attributes },
});

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
        'state-dir': { type: 'string', default: defaultStateDir() },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return fail(new ConnectorError('USAGE', `${(e as Error).message}\n${USAGE}`));
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const cloud = values.cloud!.replace(/\/+$/, '');
  const dir = values['state-dir']!;
  const api = new CloudApi(cloud);
  const state = await loadState(dir, cloud);

  switch (command) {
    case 'login': {
      if (!values.user || !values.password)
        throw new ConnectorError('USAGE', `login needs --user and --password.\n${USAGE}`);
      if (values.method && values.method !== 'saml' && values.method !== 'oidc') {
        throw new ConnectorError('USAGE', '--method must be saml or oidc.');
      }
      if (values.method) {
        const found = await api.discover(values.user);
        if (found.protocol !== values.method) {
          throw new ConnectorError(
            'METHOD_MISMATCH',
            `${values.user} signs in with ${found.protocol.toUpperCase()} through "${found.idpName}", not ${values.method.toUpperCase()}.`,
          );
        }
      }
      const browser = new HttpFormBrowser({ username: values.user, password: values.password });
      const issued = await signIn({
        api,
        username: values.user,
        deviceId: state.deviceId,
        browser,
      });
      await saveState(dir, { ...state, sessionToken: issued.sessionToken });
      return print(authenticated(cloud, issued.session));
    }
    case 'status': {
      if (!state.sessionToken)
        return print({
          cloud,
          deviceId: state.deviceId,
          authentication: { status: 'unauthenticated' },
        });
      return print(authenticated(cloud, await api.session(state.sessionToken)));
    }
    case 'logout': {
      if (state.sessionToken) await api.signOut(state.sessionToken).catch(() => undefined);
      await saveState(dir, { cloud, deviceId: state.deviceId });
      return print({
        cloud,
        deviceId: state.deviceId,
        authentication: { status: 'unauthenticated' },
      });
    }
    default:
      throw new ConnectorError('USAGE', `Unknown command "${command}".\n${USAGE}`);
  }
}

main().catch(fail);
