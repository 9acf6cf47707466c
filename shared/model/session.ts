/** The connector session as the connector sees it; the shapes are the cloud API contract's. */
import type { z } from 'zod';
import type { connectorSessionView, issuedSession } from '../contract/cloud-api/session.js';

/** The connector session a sign-in produced (no token hash). */
export type ConnectorSessionView = z.output<typeof connectorSessionView>;

/** What a sign-in returns to the connector: the session and its bearer token (shown once). */
export type IssuedSession = z.output<typeof issuedSession>;

/**
 * Why the cloud says a session needs the user to authenticate again (only the authentication
 * axis changes). Plain data, no zod: the client's state machine uses it too.
 */
export const REAUTH_REASONS = [
  'timeout',
  'scim_policy_enabled',
  'certificate_rotated',
  // The IdP updated the signed-in user through SCIM and its reauthOnUserUpdate is on.
  'user_updated',
] as const;
