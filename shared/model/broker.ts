/**
 * The broker's view of a connector session, app access and the push channel (cloud and
 * connector). The shapes are the cloud API contract's (shared/contract/cloud-api), named here.
 */
import type { z } from 'zod';
import type { pushEvent, pushMessage } from '../contract/cloud-api/push.js';
import type {
  accessDecision,
  appConnectionView,
  appSummary,
  liveSession,
} from '../contract/cloud-api/session.js';
import type { REAUTH_REASONS } from './session.js';

/** Why a session needs the user to authenticate again (only the authentication axis changes). */
export type ReauthReason = (typeof REAUTH_REASONS)[number];

/** The session as the broker keeps it live: sign-in facts plus what happened since. */
export type LiveSession = z.output<typeof liveSession>;

export type AppConnectionView = z.output<typeof appConnectionView>;

/** What the cloud pushes to a connected connector; every message carries a sequence and time. */
export type PushEvent = z.output<typeof pushEvent>;
export type PushMessage = z.output<typeof pushMessage>;

/** What the broker needs from the policy engine for one app access request. */
export type AccessDecision = z.output<typeof accessDecision>;

export type AppSummary = z.output<typeof appSummary>;

/** The whole state of a session, pushed first on every connection and after a reconnect. */
export type SnapshotEvent = Extract<PushEvent, { type: 'snapshot' }>;
