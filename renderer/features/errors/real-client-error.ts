import type { ErrorEntry } from '../../../shared/errors';
import { ACCESS_BLOCKED_TEXT } from '../../../shared/state/notifications';
import { REAUTH_REQUIRED_TEXT } from '../../../shared/state/reauth-schedule';
import { SERVICE_ERROR_ACTION_TEXT } from '../../../shared/state/types';

/** An error as the real client shows it to an end user. */
export interface RealClientError {
  title: string;
  message: string;
  /** Only the real client's own codes (enrollment / authentication, domain.md §1.4). */
  code: string | null;
}

const NOT_REACHED = 'The application could not be reached through Private Access.';

/**
 * What the real client shows for a catalog entry: its own 42xxx-style codes with their text, and
 * for everything else only the state (Connection Error, Authentication Required, a policy
 * block's pop-up). Session status codes, causes and fixes are the admin's (insight view only).
 */
export function realClientError(entry: ErrorEntry, app?: string | null): RealClientError {
  if (entry.family === 'zcc') {
    const code = entry.reason ? `${entry.code} (${entry.reason})` : entry.code;
    return { title: entry.title, message: entry.message, code };
  }
  const ui = entry.uiState;
  // A connection-setup code for one app is that app's failure, not a state of the service.
  if (ui?.service && !(entry.connectionSetup && app)) {
    return { title: ui.service, message: SERVICE_ERROR_ACTION_TEXT[ui.service], code: null };
  }
  if (ui?.auth === 'reauthRequired') {
    return { title: 'Authentication Required', message: REAUTH_REQUIRED_TEXT, code: null };
  }
  if (entry.statusClass === 'PolicyBlock') {
    return { title: 'Access blocked', message: ACCESS_BLOCKED_TEXT, code: null };
  }
  if (entry.family === 'session')
    return { title: 'Not reachable', message: NOT_REACHED, code: null };
  // The simulator's own host errors (a settings form, an export): no internal code either.
  return { title: entry.title, message: entry.message, code: null };
}
