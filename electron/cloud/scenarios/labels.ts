/**
 * The texts a scenario's symptom and outcome stand for, derived from the client's own labels
 * (shared/state/status.ts) and the error catalog: a scenario names states and codes, never texts.
 */
import { describeError } from '../../../shared/errors/index.js';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { authLabel, serviceLabel } from '../../../shared/state/status.js';
import type { AuthStatus, ServiceStatus } from '../../../shared/state/types.js';
import type { ClientExpectation } from './schema.js';

/** The Service Status text the expectation means (an error's kind comes from the catalog). */
export function expectedServiceLabel(e: ClientExpectation): string {
  if (e.service === 'error') {
    const kind = e.code ? describeError(e.code, e.reason).uiState?.service : undefined;
    return kind ?? 'error';
  }
  // Only the state's name decides the label of a service that is not in error.
  return serviceLabel({ status: e.service } as ServiceStatus);
}

export function expectedAuthLabel(e: ClientExpectation): string {
  return authLabel({ status: e.auth } as AuthStatus);
}

/** The code the client shows: the service error's, else the last refused sign-in's. */
export function shownCode(s: ConnectorSnapshot): { code: string; reason?: string } | null {
  if (s.service.status === 'error') return { code: s.service.code, reason: s.service.reason };
  if (s.auth.status === 'unauthenticated' && s.auth.lastError) {
    return { code: s.auth.lastError.code, reason: s.auth.lastError.reason };
  }
  return null;
}

/** What the client shows, in one line: "Connection Error / Authenticated (BRK_…)". */
export function describeShown(s: ConnectorSnapshot): string {
  const shown = shownCode(s);
  const code = shown ? ` (${shown.code}${shown.reason ? `, ${shown.reason}` : ''})` : '';
  const why = s.auth.status === 'reauthRequired' ? ` (${s.auth.reason})` : '';
  return `Service Status ${serviceLabel(s.service)}, Authentication Status ${authLabel(s.auth)}${why}${code}`;
}

/** The expectation in the same words. */
export function describeExpected(e: ClientExpectation): string {
  const code = e.code ? ` (${e.code}${e.reason ? `, ${e.reason}` : ''})` : '';
  const why = e.reauthReason ? ` (${e.reauthReason})` : '';
  return `Service Status ${expectedServiceLabel(e)}, Authentication Status ${expectedAuthLabel(e)}${why}${code}`;
}

/** Whether the snapshot shows what the expectation says (axes, labels, code, connections). */
export function showsExpected(s: ConnectorSnapshot, e: ClientExpectation): boolean {
  if (s.service.status !== e.service || s.auth.status !== e.auth) return false;
  if (serviceLabel(s.service) !== expectedServiceLabel(e)) return false;
  if (authLabel(s.auth) !== expectedAuthLabel(e)) return false;
  if (e.code !== undefined && !e.app) {
    const shown = shownCode(s);
    if (shown?.code !== e.code) return false;
    if (e.reason !== undefined && shown.reason !== e.reason) return false;
  }
  if (e.reauthReason !== undefined) {
    if (s.auth.status !== 'reauthRequired' || s.auth.reason !== e.reauthReason) return false;
  }
  if (e.connections !== undefined && s.connections.length !== e.connections) return false;
  return true;
}
