import type { ReauthReason, ServiceErrorKind } from '../state/types.js';

/** Who can fix it: the end user, the organisation's admin, or (vendor) support. */
export type Audience = 'user' | 'admin' | 'support';

/** Status class of a session status code (domain.md §1.5). */
export type StatusClass = 'Error' | 'Info' | 'Success' | 'PolicyBlock' | 'reauthBlock';

/**
 * Where a code comes from: `zcc` enrollment / authentication codes the client shows (§1.4),
 * `session` server-side session status codes (§1.5), `client` the simulator's own codes.
 */
export type ErrorFamily = 'zcc' | 'session' | 'client';

/**
 * What the client shows when this code ends the tunnel or the sign-in. Absent: the code is
 * reported (error panel, notification, log) without changing either axis.
 */
export interface ErrorUiState {
  /** Service Status goes to `error` with this kind. */
  service?: ServiceErrorKind;
  /** Authentication Status: `unauthenticated` (session gone / sign-in refused) or `reauthRequired`. */
  auth?: 'unauthenticated' | 'reauthRequired';
  /** With auth `reauthRequired`: why. */
  reauthReason?: ReauthReason;
  /** With a service error: the client reconnects by itself with backoff (transient failure). */
  autoRetry?: boolean;
}

export interface ErrorEntry {
  code: string;
  /** Variant of the code, e.g. `not_synced` / `deactivated` for BRK_MT_SETUP_FAIL_SCIM_INACTIVE. */
  reason?: string;
  family: ErrorFamily;
  /** Short name of the condition: heading of the error panel and of "Copy details". */
  title: string;
  /** What the client shows the user (the real client's text where it has one). */
  message: string;
  /** Why it happens. */
  cause: string;
  /** What the user can do. */
  userAction: string;
  /** What to tell the admin (shown under "details"). */
  adminAction: string;
  audience: Audience;
  /** Session status class (session codes). */
  statusClass?: StatusClass;
  /** The display name admins see in diagnostics, e.g. "SE: Timeout policy blocked access". */
  displayName?: string;
  uiState?: ErrorUiState;
  /**
   * A per-app connection-setup failure (`BRK_MT_SETUP_…`, `AST_MT_SETUP_…`, domain.md §1.5 and
   * §7): logged in the app connection log for that one app. It never takes the tunnel down nor
   * closes the user's other app connections.
   */
  connectionSetup?: true;
  /** The IdP vendor this variant is written for (`okta`, `entra`, ...), if it is vendor-specific. */
  vendor?: string;
  /** `info`: not a failure (the user's own choice, e.g. a cancelled sign-in): shown neutral. */
  severity?: 'info';
}
