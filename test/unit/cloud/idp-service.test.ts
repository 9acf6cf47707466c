import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../electron/cloud/domain-errors.js';
import { toAdminError } from '../../../electron/cloud/http/admin-scope.js';
import { IdpService } from '../../../electron/cloud/idp-config/idp-service.js';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents } from '../../../electron/cloud/events.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';

let store: Store;
let clock: SimulatedClock;
let events: CloudEvents;
let idps: IdpService;

beforeEach(() => {
  store = openSqliteStore(':memory:');
  clock = new SimulatedClock(() => Date.parse('2026-01-01T00:00:00Z'));
  events = new CloudEvents();
  idps = new IdpService(store, clock, events, (id) => `http://cloud/scim/1/${id}/v2`);
});

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return toAdminError(e);
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('IdpService', () => {
  it('creates an IdP with defaults and its SCIM endpoint', () => {
    const idp = idps.create({ name: 'Okta', protocol: 'saml', vendor: 'okta' });
    expect(idp).toMatchObject({
      name: 'Okta',
      protocol: 'saml',
      vendor: 'okta',
      enabled: true,
      scimSyncEnabled: false,
      scimAttributesForPolicy: false,
      scimTokenSet: false,
      scimEndpoint: `http://cloud/scim/1/${idp.id}/v2`,
    });
    expect(idp.id).toMatch(/^\d{18}$/);
  });

  it('refuses bad input with field-level messages', () => {
    const e = refusal(() => idps.create({ name: '', protocol: 'ldap', extra: 1 }));
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_request');
    expect(e.message).toMatch(/name/);
    expect(e.message).toMatch(/protocol/);
  });

  it('refuses SCIM Attributes for Policy while SCIM Sync is off, on create and on update', () => {
    expect(
      refusal(() => idps.create({ name: 'X', protocol: 'oidc', scimAttributesForPolicy: true }))
        .code,
    ).toBe('scim_sync_required');
    const idp = idps.create({ name: 'Y', protocol: 'oidc' });
    const e = refusal(() => idps.update(idp.id, { scimAttributesForPolicy: true }));
    expect(e.code).toBe('scim_sync_required');
    expect(e.message).toMatch(/Enable SCIM Sync first/);
    expect(idps.get(idp.id).scimAttributesForPolicy).toBe(false);
  });

  it('records every change with its time and keeps the first SCIM-for-policy enablement', () => {
    const idp = idps.create({ name: 'Okta', protocol: 'saml', vendor: 'okta' });
    clock.advance(60_000);
    idps.update(idp.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
    const first = idps.get(idp.id).scimAttributesForPolicyFirstEnabledAt;
    expect(first).toBe('2026-01-01T00:01:00.000Z');
    clock.advance(60_000);
    idps.update(idp.id, { scimSyncEnabled: false });
    expect(idps.get(idp.id).scimAttributesForPolicy).toBe(false);
    clock.advance(60_000);
    idps.update(idp.id, { scimSyncEnabled: true, scimAttributesForPolicy: true });
    expect(idps.get(idp.id).scimAttributesForPolicyFirstEnabledAt).toBe(first);

    const history = idps.history(idp.id);
    expect(history.map((h) => [h.field, h.to, h.at])).toEqual([
      ['created', expect.anything(), '2026-01-01T00:00:00.000Z'],
      ['scimSyncEnabled', true, '2026-01-01T00:01:00.000Z'],
      ['scimAttributesForPolicy', true, '2026-01-01T00:01:00.000Z'],
      ['scimSyncEnabled', false, '2026-01-01T00:02:00.000Z'],
      ['scimAttributesForPolicy', false, '2026-01-01T00:02:00.000Z'],
      ['scimSyncEnabled', true, '2026-01-01T00:03:00.000Z'],
      ['scimAttributesForPolicy', true, '2026-01-01T00:03:00.000Z'],
    ]);
  });

  it('emits idp.changed with the changed fields only', () => {
    const idp = idps.create({ name: 'Okta', protocol: 'saml' });
    const seen: string[][] = [];
    events.on('idp.changed', (e) => seen.push(e.fields));
    idps.update(idp.id, { scimSyncEnabled: true, name: 'Okta' });
    idps.update(idp.id, { scimSyncEnabled: true });
    expect(seen).toEqual([['scimSyncEnabled']]);
  });

  it('generates a token that is stored only as a hash and replaces the previous one', () => {
    const idp = idps.create({ name: 'Okta', protocol: 'saml' });
    const first = idps.generateScimToken(idp.id);
    expect(idps.scimTokenMatches(idp.id, first)).toBe(true);
    expect(JSON.stringify(store.idps.get(idp.id))).not.toContain(first);
    const second = idps.generateScimToken(idp.id);
    expect(second).not.toBe(first);
    expect(idps.scimTokenMatches(idp.id, first)).toBe(false);
    expect(idps.scimTokenMatches(idp.id, second)).toBe(true);
    expect(idps.get(idp.id).scimTokenSet).toBe(true);
    expect(JSON.stringify(idps.history(idp.id))).not.toContain(second);
  });

  it('answers 404 for unknown ids and 409 for duplicate names', () => {
    expect(refusal(() => idps.update('nope', { enabled: false })).status).toBe(404);
    idps.create({ name: 'Okta', protocol: 'saml' });
    expect(refusal(() => idps.create({ name: 'okta', protocol: 'saml' })).status).toBe(409);
  });
});
