/**
 * The decider keeps a user's SCIM record and groups between decisions (so a decision costs the
 * same at 100k users as at 1k), and reads them again after any SCIM write: a deactivation, a
 * group membership, a write rolled back, a commit by another connection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../../electron/cloud/events.js';
import { IdpService } from '../../../electron/cloud/idp-config/idp-service.js';
import { bindDemoScimGroups } from '../../../electron/cloud/policy/demo-scim-groups.js';
import { seedDemoPolicies } from '../../../electron/cloud/policy/seed.js';
import { ScimSubjects } from '../../../electron/cloud/policy/scim-subjects.js';
import { PolicyService } from '../../../electron/cloud/policy/service.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import { T0 } from './builders.js';

const HOUR = 3600_000;
const PAYROLL = { fqdn: 'payroll.acme.example', port: 443 };
const dir = mkdtempSync(join(tmpdir(), 'decider-cache-'));
let stores: Store[] = [];

function world(file = ':memory:') {
  const store = openSqliteStore(file);
  stores.push(store);
  const clock = new SimulatedClock(() => T0);
  const events = new CloudEvents();
  const idps = new IdpService(store, clock, events, () => 'http://x');
  const policy = new PolicyService(store, clock, events, idps);
  const okta = idps.create({
    name: 'Okta (SAML)',
    protocol: 'saml',
    vendor: 'okta',
    domains: ['acme.example'],
    scimSyncEnabled: true,
  });
  seedDemoPolicies({ store, clock, idps, policy });
  const user = (id: string, active = true) => ({
    id,
    name: 'dave@acme.example',
    externalId: null,
    active,
    version: 1,
    created: T0,
    lastModified: T0,
    attributes: { userName: 'dave@acme.example', active },
  });
  store.scim.insert('User', okta.id, user('u1'));
  store.scim.insert('Group', okta.id, { ...user('g1'), name: 'Finance', attributes: {} });
  const finance = (members: string[]) =>
    store.scim.setMembers(
      okta.id,
      'g1',
      members.map((value) => ({ value, type: 'User', display: null })),
    );
  finance(['u1']);
  bindDemoScimGroups(store, events, policy);
  clock.advance(HOUR);
  idps.update(okta.id, { scimAttributesForPolicy: true, samlAttributesForPolicy: false });
  clock.advance(1000);
  const dave = {
    idpId: okta.id,
    userName: 'dave@acme.example',
    attributes: {},
    authTime: clock.now(),
  };
  return { store, policy, okta, user, finance, dave };
}

beforeEach(() => {
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
});
afterEach(() => vi.restoreAllMocks());
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

describe("the decider's SCIM record per user", () => {
  it('is read once while nothing SCIM changes', () => {
    const w = world();
    const reads = vi.spyOn(w.store.scim, 'findByName');
    expect(w.policy.decide(w.dave, PAYROLL).outcome).toBe('allowed');
    expect(w.policy.decide(w.dave, PAYROLL).outcome).toBe('allowed');
    expect(reads).toHaveBeenCalledTimes(1);
    // The broker builds a new session object per request: same user, same entry (any case).
    w.policy.decide({ ...w.dave, userName: 'Dave@ACME.example' }, PAYROLL);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('is read again after a deactivation and after a group membership change', () => {
    const w = world();
    expect(w.policy.decide(w.dave, PAYROLL).outcome).toBe('allowed');
    w.store.scim.update('User', w.okta.id, w.user('u1', false));
    expect(w.policy.decide(w.dave, PAYROLL).message).toContain('deactivated');
    w.store.scim.update('User', w.okta.id, { ...w.user('u1'), version: 3 });
    expect(w.policy.decide(w.dave, PAYROLL).outcome).toBe('allowed');
    w.finance([]);
    expect(w.policy.decide(w.dave, PAYROLL).outcome).not.toBe('allowed');
  });

  it('is not kept from inside a transaction that is rolled back', () => {
    const w = world();
    expect(w.policy.decide(w.dave, PAYROLL).outcome).toBe('allowed');
    expect(() =>
      w.store.transaction(() => {
        w.store.scim.update('User', w.okta.id, w.user('u1', false));
        expect(w.policy.decide(w.dave, PAYROLL).message).toContain('deactivated');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(w.policy.decide(w.dave, PAYROLL).outcome).toBe('allowed');
  });

  it("sees another connection's commit to the same database file", () => {
    const file = join(dir, `cloud-${Date.now()}.db`);
    const w = world(file);
    expect(w.policy.decide(w.dave, PAYROLL).outcome).toBe('allowed');
    const other = openSqliteStore(file);
    stores.push(other);
    other.scim.update('User', w.okta.id, w.user('u1', false));
    expect(w.policy.decide(w.dave, PAYROLL).message).toContain('deactivated');
  });
});

describe('ScimSubjects', () => {
  it('keeps at most its capacity, dropping the first kept', () => {
    const w = world();
    const subjects = new ScimSubjects(w.store.scim, 2);
    const reads = vi.spyOn(w.store.scim, 'findByName');
    for (const name of ['dave@acme.example', 'a@acme.example', 'b@acme.example'])
      subjects.of(w.okta.id, name);
    expect(reads).toHaveBeenCalledTimes(3);
    subjects.of(w.okta.id, 'b@acme.example');
    expect(reads).toHaveBeenCalledTimes(3);
    expect(subjects.of(w.okta.id, 'dave@acme.example')).toMatchObject({ active: true });
    expect(reads).toHaveBeenCalledTimes(4);
  });
});
