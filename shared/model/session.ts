/** The connector session as the connector sees it; the shapes are the cloud API contract's. */
import type { z } from 'zod';
import type { connectorSessionView, issuedSession } from '../contract/cloud-api/session.js';

/** The connector session a sign-in produced (no token hash). */
export type ConnectorSessionView = z.output<typeof connectorSessionView>;

/** What a sign-in returns to the connector: the session and its bearer token (shown once). */
export type IssuedSession = z.output<typeof issuedSession>;
