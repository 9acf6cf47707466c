import { describe, expect, it } from 'vitest';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import {
  formatDuration,
  osNotificationFor,
  trayTooltip,
} from '../../../electron/connector/host/presentation.js';
import { SERVICE_STATUS_TEXT } from '../../../shared/state/notifications.js';
import { AUTHENTICATE, AUTHENTICATE_EARLY } from '../../../shared/state/reauth-schedule.js';

const base = {
  cloudUrl: 'http://c',
  deviceId: 'd',
  username: 'alice@acme.example',
  service: { status: 'off', since: null, turnedOffByUser: false },
  auth: { status: 'unauthenticated' },
  channel: { status: 'closed' },
  session: null,
  apps: [],
  connections: [],
  banner: null,
  notifications: [],
  lastError: null,
  policyVersion: 1,
  clockOffsetMs: 0,
} as ConnectorSnapshot;

const snap = (p: Partial<ConnectorSnapshot>): ConnectorSnapshot => ({ ...base, ...p });

describe('tray tooltip', () => {
  it('follows the user, the status and the time connected', () => {
    const on = snap({
      service: { status: 'on', broker: 'b', since: 0, stats: { bytesSent: 0, bytesReceived: 0 } },
    });
    expect(trayTooltip(on, 65 * 60_000)).toBe(
      'Client Connector\nUser: alice@acme.example\nPrivate Access: On (connected 1 h 05 min)\nAuthentication: Not Authenticated',
    );
    const err = snap({
      service: {
        status: 'error',
        kind: 'Connection Error',
        code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
        since: 0,
        attempt: 1,
        retryAt: null,
      },
    });
    expect(trayTooltip(err, 0)).toContain(
      'Private Access: Connection Error (BRK_MT_SETUP_FAIL_SCIM_INACTIVE)',
    );
    // The tray says what the window says (shared/state/status.ts), not a wording of its own.
    const signedOut = trayTooltip(snap({ username: null }), 0);
    expect(signedOut).toContain('Authentication: Not Authenticated');
    expect(signedOut).not.toContain('Not signed in');
  });

  it('says "Reconnecting…" while the push channel is lost', () => {
    const lost = snap({
      channel: {
        status: 'reconnecting',
        since: 0,
        attempt: 2,
        retryAt: 2_000,
        code: 'CONNECTION_LOST',
      },
    });
    expect(trayTooltip(lost, 0)).toContain('Cloud updates: Reconnecting…');
    expect(trayTooltip(snap({ channel: { status: 'open', since: 0 } }), 0)).not.toContain(
      'Reconnecting',
    );
  });
  it('formats durations', () => {
    expect(formatDuration(30_000)).toBe('< 1 min');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
  });
});

describe('OS notifications', () => {
  const n = (text: string, category = 'serviceStatus' as const) => ({
    id: 'service-status',
    category,
    text,
  });
  it('connected and disconnected', () => {
    expect(osNotificationFor(n(SERVICE_STATUS_TEXT.connected), base).title).toBe(
      'Private Access connected',
    );
    expect(osNotificationFor(n(SERVICE_STATUS_TEXT.disconnected), base).title).toBe(
      'Private Access disconnected',
    );
  });
  it('access removed (user deactivated in the IdP)', () => {
    const s = snap({
      service: {
        status: 'error',
        kind: 'Connection Error',
        code: 'MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE',
        since: 0,
        attempt: 1,
        retryAt: null,
      },
    });
    const v = osNotificationFor(n(SERVICE_STATUS_TEXT.disconnected), s);
    expect(v.title).toBe('Access removed');
    expect(v.body).toContain('MT_CLOSED_TLS_CONN_GONE_SCIM_USER_DISABLE');
    expect(v.urgency).toBe('critical');
  });
  it('reauthentication soon and required, with their buttons', () => {
    const soon = osNotificationFor(
      {
        id: 'zpa-reauth',
        category: 'zpaReauthentication',
        text: 'soon',
        action: AUTHENTICATE_EARLY,
      },
      base,
    );
    expect(soon).toMatchObject({ title: 'Reauthentication due soon', action: AUTHENTICATE_EARLY });
    const now = osNotificationFor(
      { id: 'zpa-reauth', category: 'zpaReauthentication', text: 'now', action: AUTHENTICATE },
      base,
    );
    expect(now).toMatchObject({ title: 'Authentication Required', action: AUTHENTICATE });
  });
});
