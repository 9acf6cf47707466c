/**
 * Two cloud instances on one PostgreSQL database (two-instances.ts), with real connectors: what
 * one instance does reaches the connectors and caches of the other (store.peers, LISTEN/NOTIFY),
 * a sign-in may start on one and finish on the other, and a queued push is claimed by one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { provisionUser } from '../../electron/cloud/idp/provisioning/admin-actions.js';
import { pkcePair } from '../../electron/connector/auth/pkce.js';
import { LOOPBACK_REDIRECT } from '../../electron/connector/browser-port.js';
import { until, isOn } from '../integration/stories/connector-harness.js';
import { USER_SCHEMA, scim } from '../helpers/cloud.js';
import { postForm, readForm } from '../helpers/saml.js';
import {
  adminAt,
  at,
  connectorAt,
  PASSWORD,
  startTwoInstances,
  type Instance,
} from './two-instances.js';

const OKTA_AGENT = 'Okta SCIM Client 1.0.0';
let a: Instance;
let b: Instance;
let okta: { id: string; scimEndpoint: string };
let token: string;

beforeAll(async () => {
  [a, b] = await startTwoInstances();
  const idp = await adminAt(a).idp('Okta');
  await adminAt(a).updateIdp(idp.id, { scimSyncEnabled: true });
  token = await adminAt(a).newScimToken(idp.id);
  okta = idp;
}, 60_000);
afterAll(async () => {
  await b?.cloud.close();
  await a?.cloud.close();
});

/** A SCIM client of the Okta IdP that sends its requests to one instance. */
const scimAt = (instance: Instance, bearer = token) =>
  scim(at(instance, okta.scimEndpoint), bearer, OKTA_AGENT);

async function provision(userName: string): Promise<string> {
  const res = await scimAt(a).post('/Users', { schemas: [USER_SCHEMA], userName, active: true });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

it('a SCIM deactivation handled by A reaches the connector attached to B', async () => {
  const id = await provision('dave@acme.example');
  const core = connectorAt(b, 'dave@acme.example');
  core.signIn('dave@acme.example');
  await until(core, (s) => isOn(s) && s.channel.status === 'open');
  const opened = await core.openApp('git.acme.example', 22);
  expect(opened.decision.outcome).toBe('allowed');
  const session = core.snapshot().session!.id;
  expect(b.cloud.broker.hub.has(session)).toBe(true);
  expect(a.cloud.broker.hub.has(session)).toBe(false);

  const res = await scimAt(a).patchOps(`/Users/${id}`, [
    { op: 'replace', value: { active: false } },
  ]);
  expect(res.status).toBe(200);
  const after = await until(core, (s) => s.service.status === 'error', 5_000);
  expect(after.service).toMatchObject({ kind: 'Connection Error', code: 'ZPN_ERR_SCIM_INACTIVE' });
  // B closed the app connection it held, with the SCIM code.
  expect(after.connections).toHaveLength(0);
  expect(
    b.cloud.broker.connections.list(`${okta.id}|dave@acme.example|device-dave@acme.example`),
  ).toEqual([]);
  core.dispose();
});

it('a policy change and an IdP change made on A apply on B at once', async () => {
  await provision('alice@acme.example');
  const core = connectorAt(b, 'alice@acme.example');
  core.signIn('alice@acme.example');
  await until(core, (s) => isOn(s) && s.channel.status === 'open');
  expect((await core.openApp('git.acme.example', 22)).decision.outcome).toBe('allowed');

  // Policy: a deny-all rule first; B's compiled policy follows and its connector is told.
  const version = (await adminAt(b).get('/policies')).body.version as number;
  const rule = await adminAt(a).post('/policies/access', {
    name: 'Deny all',
    action: 'DENY',
    ruleOrder: 1,
  });
  expect(rule.status).toBe(201);
  await expect
    .poll(async () => (await core.openApp('jira.acme.example', 443)).decision.outcome, {
      timeout: 2_000,
    })
    .toBe('blocked');
  expect(b.cloud.broker.access.version()).toBeGreaterThan(version);
  await adminAt(a).delete(`/policies/access/${rule.body.id as string}`);

  // IdP: B has the IdP cached (it answered SCIM with the token); A rotates the token.
  expect((await scimAt(b).get('/Users?count=1')).status).toBe(200);
  const fresh = await adminAt(a).newScimToken(okta.id);
  await expect.poll(async () => (await scimAt(b).get('/Users?count=1')).status).toBe(401);
  expect((await scimAt(b, fresh).get('/Users?count=1')).status).toBe(200);
  token = fresh;
  core.dispose();
});

it("A's admin list shows a connector attached to B as connected, and not once it disconnects", async () => {
  const core = connectorAt(b, 'alice@acme.example');
  core.signIn('alice@acme.example');
  await until(core, (s) => isOn(s) && s.channel.status === 'open');
  const id = core.snapshot().session!.id;
  expect(a.cloud.broker.hub.has(id)).toBe(false);
  const connected = async (instance: Instance) => {
    const list = (await adminAt(instance).get('/sessions')).body as {
      id: string;
      connected: boolean;
    }[];
    return list.find((s) => s.id === id)?.connected;
  };
  expect(await connected(a)).toBe(true);
  expect(await connected(b)).toBe(true);

  // The connector quits: its channel closes on B.
  core.dispose();
  await expect.poll(() => connected(a)).toBe(false);
  expect(await connected(b)).toBe(false);
});

it('an admin revocation on A signs out the connector on B and closes its channel there', async () => {
  const core = connectorAt(b, 'alice@acme.example');
  core.signIn('alice@acme.example');
  await until(core, (s) => isOn(s) && s.channel.status === 'open');
  const revoked = await adminAt(a).delete(`/sessions/${core.snapshot().session!.id}`);
  expect(revoked.status).toBe(204);
  const after = await until(core, (s) => s.auth.status === 'unauthenticated', 5_000);
  expect(after.auth).toMatchObject({ lastError: { code: 'SESSION_REVOKED' } });
  expect(after.channel.status).toBe('closed');
  core.dispose();
});

/** A SAML sign-in started on `start`, the IdP's form posted to the ACS of `acs`: the one-time code. */
async function codeFromSignIn(start: Instance, acs: Instance, username: string) {
  const pkce = pkcePair();
  const res = await fetch(`${start.url}/api/connector/login/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      deviceId: `device-${username}`,
      redirectUri: LOOPBACK_REDIRECT,
      state: 'state-across-instances',
      codeChallenge: pkce.challenge,
    }),
  });
  const started = (await res.json()) as { loginUrl: string };
  if (!started.loginUrl) throw new Error(`login/start: ${res.status} ${JSON.stringify(started)}`);
  const { loginUrl } = started;
  const page = await fetch(at(start, loginUrl));
  const form = readForm(await page.text(), page.url)!;
  const answer = await postForm(at(start, form.action), {
    ...form.fields,
    username,
    password: PASSWORD,
  });
  const autoPost = readForm(await answer.text(), form.action)!;
  const posted = await postForm(at(acs, autoPost.action), autoPost.fields);
  expect(posted.status).toBe(302);
  const redirect = new URL(posted.headers.get('location')!);
  return { code: redirect.searchParams.get('code')!, verifier: pkce.verifier };
}

const exchangeAt = (instance: Instance, code: string, codeVerifier: string) =>
  fetch(`${instance.url}/api/connector/login/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, codeVerifier }),
  });

it('a sign-in started on A finishes on B, and its one-time code is taken once from A and B together', async () => {
  await provision('carol@acme.example');
  const { code, verifier } = await codeFromSignIn(a, b, 'carol@acme.example');
  const answers = await Promise.all([exchangeAt(a, code, verifier), exchangeAt(b, code, verifier)]);
  expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
  // The SAML request itself was taken by B's ACS: posting the same response to A again is refused.
});

it('a push queued on both instances is claimed by one: one SCIM create', async () => {
  const http = adminAt(a);
  const put = await http.request('PUT', `/idps/${okta.id}/provisioning`, {
    body: { enabled: true, baseUrl: okta.scimEndpoint, token },
  });
  expect(put.status).toBe(200);
  const users = (await http.get(`/idps/${okta.id}/directory/users`)).body;
  const bob = ((users.users ?? users) as { id: string; userName: string }[]).find(
    (u) => u.userName === 'bob@acme.example',
  )!;
  // The admin's "Provision User" reaches both instances at once (as a retried request behind a
  // balancer would): each queues the push, and both engines wake on the same turn.
  const svc = (i: Instance) => i.cloud.context.provisioning;
  await Promise.all([a, b].map((i) => provisionUser(svc(i), okta.id, bob.id)));
  expect(a.cloud.store.scim.findByName('User', okta.id, 'bob@acme.example')).toHaveLength(1);
  // Let the instance that found the item taken try it again (a second later): nothing to do.
  await new Promise((r) => setTimeout(r, 1_500));
  await Promise.all([a.cloud.provisioning.idle(okta.id), b.cloud.provisioning.idle(okta.id)]);
  const creates = a.cloud.store.provisioning
    .log(okta.id, { limit: 100, offset: 0, objectId: bob.id, kind: 'request' })
    .entries.filter((e) => e.method === 'POST');
  expect(creates).toHaveLength(1);
});
