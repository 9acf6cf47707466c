import { describe, expect, it } from 'vitest';
import {
  ERROR_CATALOG,
  ERROR_ENTRIES,
  INTERNAL_TEXT,
  SCIM_INACTIVE,
  copyableDetails,
  describeError,
  isCatalogCode,
  type ErrorEntry,
} from '../../../shared/errors/index.js';
import {
  MACHINE_CODES,
  REAUTH_REASONS,
  SERVICE_ERROR_KINDS,
  transition,
  type ClientState,
} from '../../../shared/state/index.js';

/** The catalog looked up with any string, as the wire's codes are. */
const byCode: Readonly<Record<string, ErrorEntry | undefined>> = ERROR_CATALOG;

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** domain.md §1.4: the enrollment / authentication codes and the related cloud codes. */
const ZCC_CODES = [
  '42000',
  '42001',
  '42002',
  '42004',
  '42005',
  '42006',
  '42007',
  '42010',
  ...range(42013, 42040),
  ...range(42042, 42048),
  '2008',
  '1005',
  '3049',
  '3050',
  '3068',
  '3071',
  '3102',
  '10101',
  '10108',
  '21',
  '-7',
  '-8',
  '-13',
];

/** domain.md §1.5: the session status codes. */
const SESSION_CODES = [
  'BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY',
  'BRK_MT_SETUP_FAIL_NO_POLICY_FOUND',
  'BRK_MT_SETUP_FAIL_SAML_EXPIRED',
  'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
  'ZPN_ERR_SCIM_INACTIVE',
  'MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE',
  'BRK_MT_TERMINATED_IDLE_TIMEOUT',
  'BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY_APPROVAL',
  'BRK_MT_TERMINATED_APPROVAL_TIMEOUT',
  'BRK_MT_SETUP_FAIL_REAUTH_WITH_AL',
  'BRK_MT_SETUP_FAIL_REAUTH_EXPIRED_WITH_AL',
  'BRK_MT_AUTH_SAML_FAILURE',
  'BRK_MT_AUTH_SAML_FINGER_PRINT_FAIL',
  'BRK_MT_AUTH_NO_SAML_ASSERTION_IN_MSG',
  'BRK_MT_AUTH_SAML_NO_USER_ID',
  'BRK_MT_AUTH_TWO_SAML_ASSERTION_IN_MSG',
  'BRK_MT_AUTH_ALREADY_FAILED',
  'ZPN_ERR_AUTH_TIMEOUT',
  'ZPN_ERR_AUTH_EXPIRED',
  'ZPN_ERR_AUTH_SAML_EXPIRED',
  'ZPN_ERR_CERT_EXPIRED',
  'ZPN_ERR_CUSTOMER_DISABLED',
  'BRK_MT_SETUP_FAIL_APP_NOT_FOUND',
  'AST_MT_SETUP_ERR_APP_NOT_FOUND',
  'NO_CONNECTOR_AVAILABLE',
  'APP_NOT_REACHABLE',
  'BRK_MT_SETUP_TIMEOUT',
  'OPEN_OR_ACTIVE_CONNECTION',
  'MT_CLOSED_TERMINATED',
  'BRK_MT_CLOSED_FROM_CLIENT',
];

const CLIENT_CODES = ['NETWORK_ERROR', 'SESSION_INVALID', 'INTERNAL', 'METHOD_MISMATCH', 'USAGE'];

describe('the catalog', () => {
  it('has one entry per code', () => {
    const codes = ERROR_ENTRIES.map((e) => e.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    expect(Object.keys(ERROR_CATALOG)).toHaveLength(codes.length);
  });

  it.each([...ZCC_CODES, ...SESSION_CODES, ...CLIENT_CODES])('covers %s', (code) => {
    expect(byCode[code]?.code).toBe(code);
    expect(isCatalogCode(code)).toBe(true);
  });

  it.each(ERROR_ENTRIES.map((e) => [e.code, e] as const))(
    '%s is complete and consistent',
    (_c, e) => {
      for (const field of ['title', 'message', 'cause', 'userAction', 'adminAction'] as const) {
        expect(e[field].trim(), field).not.toBe('');
      }
      expect(['user', 'admin', 'support']).toContain(e.audience);
      expect(['zcc', 'session', 'client']).toContain(e.family);
      if (e.family === 'session') {
        expect(e.statusClass).toBeDefined();
        expect(e.displayName).toBeDefined();
      }
      if (e.family === 'zcc') expect(e.code).toMatch(/^-?\d+$/);
      else expect(e.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      const ui = e.uiState;
      if (ui?.service) expect(SERVICE_ERROR_KINDS).toContain(ui.service);
      if (ui?.reauthReason) {
        expect(REAUTH_REASONS).toContain(ui.reauthReason);
        expect(ui.auth).toBe('reauthRequired');
      }
      if (ui?.autoRetry) expect(ui.service).toBeDefined();
      expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    },
  );

  it('uses the real status classes of §1.5', () => {
    expect(ERROR_CATALOG['BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY']!.statusClass).toBe('PolicyBlock');
    expect(ERROR_CATALOG['BRK_MT_SETUP_FAIL_NO_POLICY_FOUND']!.statusClass).toBe('PolicyBlock');
    expect(ERROR_CATALOG['BRK_MT_SETUP_FAIL_SAML_EXPIRED']!.statusClass).toBe('reauthBlock');
    expect(ERROR_CATALOG[SCIM_INACTIVE]!.statusClass).toBe('Error');
    expect(ERROR_CATALOG['MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE']!.statusClass).toBe('Info');
    expect(ERROR_CATALOG['OPEN_OR_ACTIVE_CONNECTION']!.statusClass).toBe('Success');
  });

  it('maps codes to the UI states of §1.3', () => {
    const ui = (code: string) => describeError(code).uiState;
    expect(ui('NETWORK_ERROR')).toEqual({ service: 'Network Error', autoRetry: true });
    expect(ui('-7')?.service).toBe('Network Error');
    expect(ui('INTERNAL')?.service).toBe('Internal Error');
    expect(ui('MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE')?.service).toBe('Connection Error');
    expect(ui('SCIM_USERNAME_CHANGED')).toEqual({
      service: 'Connection Error',
      auth: 'unauthenticated',
    });
    expect(ui('IDP_CERTIFICATE_ROTATED')).toMatchObject({
      service: 'Authentication Error',
      auth: 'reauthRequired',
      reauthReason: 'certificate_rotated',
    });
    expect(ui('BRK_MT_SETUP_FAIL_SAML_EXPIRED')).toEqual({
      auth: 'reauthRequired',
      reauthReason: 'timeout',
    });
    expect(ui('CAPTIVE_PORTAL_ERROR')?.service).toBe('Captive Portal Error');
    expect(ui('42015')).toEqual({ auth: 'unauthenticated' });
  });

  it("keeps the real client's texts where it has them", () => {
    expect(describeError('42001').message).toBe(INTERNAL_TEXT);
    expect(INTERNAL_TEXT).toBe('Internal Error: Contact Administrator');
    expect(describeError('42002').message).toBe(
      'Zscaler Private Access is not configured for your company.',
    );
    expect(describeError('NETWORK_ERROR').message).toBe(
      'Services are down because the network is disconnected.',
    );
    expect(describeError('BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY').message).toBe(
      'Application access is blocked by Private Access policy.',
    );
  });
});

describe('the Okta sync error (BRK_MT_SETUP_FAIL_SCIM_INACTIVE)', () => {
  const notSynced = describeError(SCIM_INACTIVE, 'not_synced');
  const deactivated = describeError(SCIM_INACTIVE, 'deactivated');

  it('is a Connection Error the user cannot fix alone', () => {
    for (const e of [notSynced, deactivated, describeError(SCIM_INACTIVE)]) {
      expect(e.code).toBe(SCIM_INACTIVE);
      expect(e.uiState).toEqual({ service: 'Connection Error' });
      expect(e.audience).toBe('admin');
      expect(e.userAction).toMatch(/contact your administrator/i);
      expect(e.userAction).toMatch(/Retry/);
      expect(e.displayName).toBe(
        'SE: Application access blocked because user was not active with SCIM',
      );
    }
  });

  it('not synced: names the cause and the admin fix', () => {
    expect(notSynced.reason).toBe('not_synced');
    expect(notSynced.cause).toMatch(/assigned .*before SCIM provisioning was enabled/);
    expect(notSynced.cause).toMatch(/missing from the SCIM user database/);
    expect(notSynced.cause).toMatch(/blocks them/);
    expect(notSynced.adminAction).toContain('PROVISION_OUT_OF_SYNC_USERS');
    expect(notSynced.adminAction).toMatch(/unassign and reassign .*users and groups/);
    expect(notSynced.adminAction).toMatch(/wait for the sync/);
    expect(notSynced.adminAction).toContain('Provision User');
  });

  it('deactivated: a different cause and fix', () => {
    expect(deactivated.reason).toBe('deactivated');
    expect(deactivated.cause).toMatch(/inactive/);
    expect(deactivated.adminAction).toMatch(/reactivate/);
    expect(deactivated.adminAction).not.toContain('PROVISION_OUT_OF_SYNC_USERS');
  });

  it("understands the cloud's words for the reasons, and falls back to the base entry", () => {
    expect(describeError(SCIM_INACTIVE, 'absent')).toBe(notSynced);
    expect(describeError(SCIM_INACTIVE, 'inactive')).toBe(deactivated);
    const base = describeError(SCIM_INACTIVE, 'something else');
    expect(base.reason).toBeUndefined();
    expect(base.cause).toMatch(/deactivated, or it was never synced/);
    // A reason on a code without variants changes nothing.
    expect(describeError('42015', 'not_synced')).toBe(ERROR_CATALOG['42015']);
  });
});

describe('describeError', () => {
  it('gives an unknown code a generic entry that names it', () => {
    const e = describeError('ZZ_NEW_CODE');
    expect(e.code).toBe('ZZ_NEW_CODE');
    expect(e.title).toContain('ZZ_NEW_CODE');
    expect(e.message).toContain('ZZ_NEW_CODE');
    expect(e.adminAction).toContain('ZZ_NEW_CODE');
    expect(e.uiState).toBeUndefined();
    expect(isCatalogCode('ZZ_NEW_CODE')).toBe(false);
    expect(describeError('').title).toContain('(no code)');
  });

  it('does not take inherited object keys for codes', () => {
    expect(isCatalogCode('toString')).toBe(false);
    expect(describeError('constructor').title).toContain('constructor');
    expect(describeError(SCIM_INACTIVE, 'toString').reason).toBeUndefined();
  });

  it('resolves the code families', () => {
    expect(describeError('HTTP_503')).toMatchObject({
      code: 'HTTP_503',
      title: 'Cloud answered HTTP 503',
      uiState: { service: 'Connection Error', autoRetry: true },
    });
    expect(describeError('HTTP_404').uiState).toBeUndefined();
    expect(isCatalogCode('HTTP_418')).toBe(true);
    for (const code of ['8790', '8800', '8810']) {
      expect(describeError(code).message).toBe('Failed to report issue.');
    }
    expect(isCatalogCode('8811')).toBe(false);
  });
});

describe('the enrollment / authentication codes (domain.md §1.4)', () => {
  it('answer with message, cause, userAction and adminAction', () => {
    const e = ERROR_CATALOG['42015']!;
    expect(e.message).toBe('Failed to validate SAML signature.');
    expect(e.cause).toMatch(/certificate/);
    expect(e.userAction).not.toBe('');
    expect(e.adminAction).toMatch(/signing certificate/);
    expect(ERROR_CATALOG['2008'].userAction).toMatch(/Click Sign In/);
  });

  it('are all in the catalog, in the zcc family', () => {
    for (const code of ZCC_CODES) expect(byCode[code]?.family).toBe('zcc');
  });
});

describe('copyableDetails', () => {
  const at = Date.UTC(2025, 0, 6, 9, 30, 0);

  it('gives the code, title, cause, what to tell the admin, time, user and IdP', () => {
    const text = copyableDetails(describeError(SCIM_INACTIVE, 'not_synced'), {
      at,
      user: 'ana@acme.test',
      idp: 'Okta',
      app: 'wiki.acme.test',
      detail: 'User was not active with SCIM.',
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Error code: BRK_MT_SETUP_FAIL_SCIM_INACTIVE (not_synced)');
    expect(lines).toContain('Title: User not synced via SCIM (Okta sync error)');
    expect(lines).toContain('Time: 2025-01-06T09:30:00.000Z');
    expect(lines).toContain('User: ana@acme.test');
    expect(lines).toContain('Identity provider: Okta');
    expect(lines).toContain('Application: wiki.acme.test');
    expect(lines).toContain(
      'Diagnostics name: SE: Application access blocked because user was not active with SCIM',
    );
    expect(text).toMatch(/^Cause: Users assigned to the Zscaler Private Access app in Okta/m);
    expect(text).toMatch(/^What to tell your administrator: .*PROVISION_OUT_OF_SYNC_USERS/m);
    expect(text).toMatch(/^What you can do: /m);
    expect(lines[lines.length - 1]).toBe('Details: User was not active with SCIM.');
  });

  it('is plain text without empty lines, and says when nobody is signed in', () => {
    const text = copyableDetails(describeError('-7'), { at: new Date(at) });
    expect(text).not.toMatch(/\n\n|undefined|null/);
    expect(text).toContain('User: not signed in');
    expect(text).toContain('Identity provider: unknown');
    expect(text).not.toContain('Application:');
    expect(text).not.toContain('Status class:');
  });

  it('takes ISO strings and leaves unreadable times as they are', () => {
    expect(copyableDetails(describeError('2008'), { at: '2025-01-06T09:30:00Z' })).toContain(
      'Time: 2025-01-06T09:30:00.000Z',
    );
    expect(copyableDetails(describeError('2008'), { at: 'yesterday' })).toContain(
      'Time: yesterday',
    );
  });
});

describe('the catalog drives the machine', () => {
  const connecting: ClientState = {
    service: { status: 'connecting', since: 0, attempt: 1 },
    auth: {
      status: 'authenticated',
      user: 'ana@acme.test',
      idp: 'Okta',
      method: 'saml',
      authTime: 0,
      expiresAt: null,
      scimReady: true,
    },
  };

  it('every code the machine sets itself has an entry', () => {
    for (const code of Object.values(MACHINE_CODES)) expect(isCatalogCode(code), code).toBe(true);
  });

  it.each(
    ERROR_ENTRIES.filter((e) => e.uiState?.service).map((e) => [e.code, e] as [string, ErrorEntry]),
  )('a tunnel failure with %s shows its uiState', (code, entry) => {
    const { state } = transition(connecting, { type: 'connectFailed', code }, 1_000, {
      random: () => 0.5,
    });
    const ui = entry.uiState!;
    expect(state.service).toMatchObject({ status: 'error', kind: ui.service, code });
    if (state.service.status !== 'error') return;
    expect(state.service.retryAt !== null).toBe(ui.autoRetry === true);
    if (ui.auth) expect(state.auth.status).toBe(ui.auth);
    else expect(state.auth.status).toBe('authenticated');
  });
});
