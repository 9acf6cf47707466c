/**
 * Wrong today (issue 8), over real HTTP with the real core: connections closed at logout stay
 * closed (3), the window's clock is the cloud's (7), and the log says each change once (11).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { adminApi, connector, isOn, storyCloud, until } from '../stories/connector-harness.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await storyCloud();
});
afterAll(async () => cloud.close());

it('a connection closed at logout does not come back after the next sign-in', async () => {
  const core = connector(cloud, 'alice@acme.example');
  core.signIn('alice@acme.example');
  await until(core, isOn);
  expect((await core.openApp('git.acme.example', 443)).connection).not.toBeNull();
  core.signOut();
  await until(core, (s) => s.service.status === 'off' && s.connections.length === 0);
  core.signIn('alice@acme.example');
  const again = await until(core, (s) => isOn(s) && s.channel.status === 'open');
  expect(again.connections).toEqual([]);
  // The cloud agrees: it closed them at logout.
  const sessions = (await adminApi(cloud, 'GET', '/sessions')) as unknown as {
    id: string;
    connections: number;
  }[];
  expect(sessions.find((s) => s.id === again.session?.id)?.connections).toBe(0);
  core.dispose();
});

it('counts down on the cloud clock after a fast-forward (the timeout, not the timeout plus the jump)', async () => {
  await adminApi(cloud, 'POST', '/clock/advance', { hours: 9 });
  const core = connector(cloud, 'bob@acme.example');
  core.signIn('bob@acme.example');
  const on = await until(
    core,
    (s) => isOn(s) && s.channel.status === 'open' && s.clockOffsetMs > 0,
  );
  expect(on.auth.status).toBe('authenticated');
  if (on.auth.status !== 'authenticated') return;
  const timeout = on.auth.expiresAt! - on.auth.authTime; // the policy's authentication timeout
  const left = on.auth.expiresAt! - (Date.now() + on.clockOffsetMs); // the window's countdown
  expect(left).toBeGreaterThan(timeout - 120_000);
  expect(left).toBeLessThanOrEqual(timeout);
  core.dispose();
});

it('logs each visible change once, not every traffic tick', async () => {
  const core = connector(cloud, 'carol@acme.example');
  core.signIn('carol@acme.example');
  await until(core, isOn);
  await core.openApp('git.acme.example', 443);
  const before = core.log.all().length;
  await new Promise((r) => setTimeout(r, 3_500)); // three traffic ticks push stats
  const lines = core.log.all().slice(before);
  expect(lines.filter((l) => /service: On/.test(l.message))).toEqual([]);
  expect(lines.length).toBeLessThanOrEqual(1);
  const all = core.log.all().map((l) => l.message);
  expect(all.filter((m) => /service: On/.test(m))).toHaveLength(1);
  core.dispose();
});
