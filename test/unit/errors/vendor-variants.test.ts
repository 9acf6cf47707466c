/**
 * The Okta sync error's title and fix belong to Okta IdPs (issue 8, wrong today 6): other vendors
 * get their own cause and remedy.
 */
import { describe, expect, it } from 'vitest';
import { CODES, describeError } from '../../../shared/errors/index.js';

const notSynced = (vendor?: string) =>
  describeError(CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE, 'not_synced', vendor);

describe('"not synced" by IdP vendor', () => {
  it('Okta (and no vendor known): the Okta sync error and its fix', () => {
    for (const e of [notSynced('okta'), notSynced()]) {
      expect(e.title).toBe('User not synced via SCIM (Okta sync error)');
      expect(e.adminAction).toMatch(/PROVISION_OUT_OF_SYNC_USERS/);
    }
  });

  it('Entra: quarantine and restart provisioning', () => {
    const e = notSynced('entra');
    expect(e.title).not.toMatch(/Okta/);
    expect(e.cause).toMatch(/quarantine/);
    expect(e.adminAction).toMatch(/Restart provisioning/);
  });

  it('Ping and a generic IdP: never Okta', () => {
    for (const vendor of ['ping', 'generic']) {
      const e = notSynced(vendor);
      expect(`${e.title} ${e.cause} ${e.adminAction}`).not.toMatch(/Okta/);
      expect(e.code).toBe(CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE);
      expect(e.uiState).toEqual({ service: 'Connection Error' });
    }
  });

  it('other reasons do not change with the vendor', () => {
    const code = CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE;
    expect(describeError(code, 'deactivated', 'entra')).toBe(describeError(code, 'deactivated'));
  });
});
