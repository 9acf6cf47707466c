/**
 * Two cloud instances on one PostgreSQL database (two-instances.ts), both running their push
 * engines: an Entra ID cycle or a PingFederate poll that falls due runs once, on one of them
 * (claimed by due-run.ts; the race itself, between two processes: due-run-race.test.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IdpConfig } from '../../shared/model/idp.js';
import { sleep, type Body } from '../helpers/cloud.js';
import {
  connectProvisioning,
  directoryOf,
  ok,
  provisioningOf,
  type ProvisioningHarness,
} from '../helpers/provisioning.js';
import { adminAt, startTwoInstances, type Instance } from './two-instances.js';

let a: Instance;
let b: Instance;
/** The provisioning admin API, on A (the settings are in the shared database). */
let h: ProvisioningHarness;

beforeAll(async () => {
  [a, b] = await startTwoInstances();
  const api = adminAt(a);
  h = { cloud: a.cloud, api, idpApi: api, close: async () => undefined };
}, 60_000);
afterAll(async () => {
  await b?.cloud.close();
  await a?.cloud.close();
});

/** A new IdP of the vendor, one assigned user, pushing into the cloud's own SCIM endpoint. */
async function pushingIdp(vendor: 'entra' | 'ping'): Promise<IdpConfig> {
  const domain = `${vendor}.example`;
  const idp = (await ok(
    h.api.post('/idps', { name: `${vendor} push`, protocol: 'saml', vendor, domains: [domain] }),
  )) as IdpConfig;
  const dir = directoryOf(h, idp.id);
  const user = await dir.createUser({
    userName: `adele@${domain}`,
    givenName: 'Adele',
    familyName: 'Vance',
  });
  await dir.assign({ userIds: [user.id as string] });
  await connectProvisioning(h, idp);
  return idp;
}

/** Both engines done with the IdP, then a little longer for one that would start late. */
async function settled(idpId: string) {
  await Promise.all([a.cloud.provisioning.idle(idpId), b.cloud.provisioning.idle(idpId)]);
  await sleep(700);
  await Promise.all([a.cloud.provisioning.idle(idpId), b.cloud.provisioning.idle(idpId)]);
}

/** How many runs the vendor state counts, and how many the push log recorded starting. */
async function runs(idpId: string, counter: 'cycles' | 'polls', operation: string) {
  const prov = provisioningOf(h, idpId);
  const counted = (await prov.status()).vendorState[counter] as number;
  const log = (await prov.log('?limit=500')).entries as Body[];
  return { counted, logged: log.filter((e) => e.operation === operation).length };
}

it('runs each due Entra cycle once, with both engines running', { timeout: 60_000 }, async () => {
  const entra = await pushingIdp('entra');
  await settled(entra.id);
  for (let due = 1; due <= 3; due++) {
    await expect
      .poll(async () => runs(entra.id, 'cycles', 'cycle-start'))
      .toEqual({
        counted: due,
        logged: due,
      });
    // The next cycle falls due on both instances' (shared) clock.
    await h.api.advanceClock({ minutes: 41 });
    await settled(entra.id);
  }
});

it(
  'runs each due PingFederate poll once, with both engines running',
  { timeout: 60_000 },
  async () => {
    const ping = await pushingIdp('ping');
    await settled(ping.id);
    for (let due = 1; due <= 3; due++) {
      await expect.poll(async () => (await runs(ping.id, 'polls', 'poll')).counted).toBe(due);
      await h.api.advanceClock({ minutes: 1 });
      await settled(ping.id);
    }
  },
);
