/**
 * One row of the trainer's live view: what an attendee's connectors show, as the cloud sees
 * their sessions. The labels are the client's own (shared/state/status.ts): the row says what
 * the attendee's window says.
 */
import type { z } from 'zod';
import type { attendeeStatus } from '../../../shared/contract/cloud-api/workshop.js';
import { describeError } from '../../../shared/errors/catalog.js';
import { CODES } from '../../../shared/errors/codes.js';
import { authLabel, serviceLabel } from '../../../shared/state/status.js';
import type { AttendeeTenant } from './tenant.js';

export type AttendeeStatus = z.output<typeof attendeeStatus>;

type SessionRow = ReturnType<AttendeeTenant['cloud']['broker']['sessionsView']>[number];

/** The code a session's connector shows an error for, or null when it shows none. */
function errorCodeOf(s: SessionRow): string | null {
  if (s.terminated) return s.terminated.code;
  if (s.scimStatus === 'absent' || s.scimStatus === 'inactive') {
    return CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE;
  }
  return null;
}

/** The labels the client shows for each state the row can summarise (one source: the client's). */
const LABELS = {
  off: serviceLabel({ status: 'off', since: null, turnedOffByUser: false }),
  on: serviceLabel({
    status: 'on',
    broker: '',
    since: 0,
    stats: { bytesSent: 0, bytesReceived: 0 },
  }),
  unauthenticated: authLabel({ status: 'unauthenticated' }),
  authenticated: authLabel({
    status: 'authenticated',
    ...{ user: '', idp: '', method: 'saml', authTime: 0, expiresAt: null, scimReady: true },
  }),
  reauthRequired: authLabel({
    status: 'reauthRequired',
    ...{
      reason: 'timeout',
      apps: [],
      since: 0,
      user: '',
      idp: '',
      method: 'saml',
      scimReady: true,
    },
  }),
};

/** Service Status for an error code: the catalog's kind, as the client's machine picks it. */
const serviceOf = (code: string | null): string =>
  code === null ? LABELS.on : (describeError(code).uiState?.service ?? 'Connection Error');

export function attendeeStatusOf(t: AttendeeTenant): AttendeeStatus {
  const { broker, idps, clock } = t.cloud;
  const sessions = broker.sessionsView();
  const connected = sessions.filter((s) => s.connected);
  const codes = connected.map(errorCodeOf);
  const failing = codes.find((c) => c !== null) ?? null;
  const reauth = connected.filter((s) => !s.terminated && s.reauthRequired).length;
  const live = connected.filter((s) => !s.terminated).length;
  // The last error any session ended or failed with, connected or not (the newest session's).
  const lastError =
    [...sessions]
      .sort((a, b) => Date.parse(b.authTime) - Date.parse(a.authTime))
      .map(errorCodeOf)
      .find((c) => c !== null) ?? null;
  const list = idps.list();
  return {
    attendee: t.attendee,
    connectors: connected.length,
    reauthRequired: reauth,
    serviceStatus: connected.length === 0 ? LABELS.off : serviceOf(failing),
    authenticationStatus:
      reauth > 0 ? LABELS.reauthRequired : live > 0 ? LABELS.authenticated : LABELS.unauthenticated,
    lastErrorCode: lastError,
    scenarioStep: t.cloud.context.scenarios.position(),
    scimSyncEnabled: list.some((i) => i.scimSyncEnabled),
    scimAttributesForPolicy: list.some((i) => i.scimAttributesForPolicy),
    clockOffsetMs: clock.offset,
  };
}
