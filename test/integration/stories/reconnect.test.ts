/**
 * The push channel drops; while the connector is away the cloud asks for reauthentication. On
 * reconnect (with backoff) the snapshot brings the current state: nothing is lost.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { adminApi, connector, isOn, storyCloud, until } from './connector-harness.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await storyCloud();
});
afterAll(async () => cloud.close());

it('gets what happened while disconnected from the snapshot on reconnect', async () => {
  const core = connector(cloud, 'carol@acme.example');
  core.signIn('carol@acme.example');
  await until(core, isOn);
  const opened = await core.openApp('intranet.acme.example', 443);
  expect(opened.decision.outcome).toBe('allowed');

  cloud.broker.hub.closeAll(); // the network drops every push channel
  // The channel is the session's, not the tunnel: it says "Reconnecting…" and retries by itself.
  const dropped = await until(core, (s) => s.channel.status === 'reconnecting');
  expect(dropped.channel).toMatchObject({ attempt: 1, code: 'CONNECTION_LOST' });
  expect(dropped.service.status).toBe('on');

  // While it is away: a week passes, beyond the default 7-day authentication timeout.
  await adminApi(cloud, 'POST', '/clock/advance', { days: 7, hours: 1 });

  const back = await until(core, (s) => isOn(s) && s.auth.status === 'reauthRequired', 15_000);
  expect(back.auth).toMatchObject({ reason: 'timeout' });
  // The tunnel never went down (only the push channel did): the window shows what the cloud
  // lists, the app connection it still holds open.
  expect(back.connections.map((c) => c.app)).toEqual(['intranet.acme.example']);
  expect(back.channel.status).toBe('open');
  core.dispose();
});

it('tells the connector at once when an admin revokes its session', async () => {
  const core = connector(cloud, 'bob@acme.example');
  core.signIn('bob@acme.example');
  const on = await until(core, isOn);
  const sessions = (await adminApi(cloud, 'GET', '/sessions')) as unknown as {
    id: string;
    userName: string;
    connected: boolean;
  }[];
  const bob = sessions.find((s) => s.userName === 'bob@acme.example' && s.id === on.session?.id)!;
  expect(bob.connected).toBe(true);
  await adminApi(cloud, 'DELETE', `/sessions/${bob.id}`);
  const after = await until(core, (s) => s.auth.status === 'unauthenticated');
  expect(after.auth).toMatchObject({ lastError: { code: 'SESSION_REVOKED' } });
  core.dispose();
});

it('refuses a push message that does not match the contract: reported as Internal Error, the channel re-syncs', async () => {
  const core = connector(cloud, 'dave@acme.example');
  core.signIn('dave@acme.example');
  const on = await until(core, (s) => isOn(s) && s.channel.status === 'open');
  const channels: string[] = [];
  core.on('state', (s: ConnectorSnapshot) => channels.push(s.channel.status));
  // A message the contract does not know (as a newer or broken cloud might send).
  cloud.broker.hub.send(on.session!.id, { type: 'selfDestruct' } as never);
  const refused = await until(core, (s) => s.lastError?.code === 'INTERNAL');
  expect(refused.service.status).toBe('on');
  // The channel that carried it is dropped and opened again; the snapshot brings the state back.
  await until(
    core,
    (s) => s.channel.status === 'open' && channels.includes('reconnecting'),
    15_000,
  );
  expect(core.snapshot().service.status).toBe('on');
  core.dispose();
});
