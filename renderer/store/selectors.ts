/**
 * What the UI shows for a state: labels, tones and actions derived from the snapshot. Pure, so
 * the rules are tested without rendering.
 */
import type { ConnectorSnapshot } from '../../shared/contract/snapshot';
import type { ConnectorCall } from '../../shared/contract/connector-contract';
import { REAUTH_REQUIRED_TEXT } from '../../shared/state/reauth-schedule';
import {
  authLabel,
  channelLabel,
  isSignedIn,
  serviceLabel,
  startsSignIn as machineStartsSignIn,
  tunnelAllowed,
} from '../../shared/state/status';
import {
  REAUTH_REASON_TEXT,
  type AuthStatus,
  type ReauthReason,
  type ServiceStatus,
} from '../../shared/state/types';

/** Status colours: green on, amber in between / authentication required, red error, grey off. */
export type Tone = 'ok' | 'warn' | 'danger' | 'neutral';

export { channelLabel, isSignedIn, tunnelAllowed };

export interface ServiceView {
  /** The Service Status text, as the real client shows it. */
  label: string;
  tone: Tone;
  /** Which buttons apply. */
  canTurnOff: boolean;
  canTurnOn: boolean;
  canRetry: boolean;
}

export function serviceView(service: ServiceStatus): ServiceView {
  switch (service.status) {
    case 'on':
      return {
        label: serviceLabel(service),
        tone: 'ok',
        canTurnOff: true,
        canTurnOn: false,
        canRetry: false,
      };
    case 'connecting':
      return {
        label: serviceLabel(service),
        tone: 'warn',
        canTurnOff: true,
        canTurnOn: false,
        canRetry: false,
      };
    case 'disconnecting':
      return {
        label: serviceLabel(service),
        tone: 'warn',
        canTurnOff: false,
        canTurnOn: true,
        canRetry: false,
      };
    case 'error':
      return {
        label: serviceLabel(service),
        tone: 'danger',
        canTurnOff: true,
        canTurnOn: false,
        canRetry: true,
      };
    case 'off':
      return {
        label: serviceLabel(service),
        tone: 'neutral',
        canTurnOff: false,
        canTurnOn: true,
        canRetry: false,
      };
  }
}

export interface AuthView {
  label: string;
  tone: Tone;
  user: string | null;
  idp: string | null;
  method: 'SAML' | 'OIDC' | null;
  expiresAt: number | null;
  reasonText: string | null;
  /** Applications needing reauthentication; empty with a reason means all of them. */
  apps: string[];
  scimReady: boolean | null;
  authenticating: boolean;
}

const methodLabel = (m: string | null | undefined) =>
  m === 'saml' ? 'SAML' : m === 'oidc' ? 'OIDC' : null;

export const reauthReasonText = (reason: ReauthReason): string =>
  REAUTH_REASON_TEXT[reason] ?? REAUTH_REQUIRED_TEXT;

export function authView(auth: AuthStatus): AuthView {
  const base = {
    user: null,
    idp: null,
    method: null,
    expiresAt: null,
    reasonText: null,
    apps: [],
    scimReady: null,
    authenticating: false,
  };
  switch (auth.status) {
    case 'authenticated':
      return {
        ...base,
        label: authLabel(auth),
        tone: 'ok',
        user: auth.user,
        idp: auth.idp,
        method: methodLabel(auth.method),
        expiresAt: auth.expiresAt,
        scimReady: auth.scimReady,
      };
    case 'reauthRequired':
      return {
        ...base,
        label: authLabel(auth),
        tone: 'warn',
        user: auth.user,
        idp: auth.idp,
        method: methodLabel(auth.method),
        reasonText: reauthReasonText(auth.reason),
        apps: auth.apps,
        scimReady: auth.scimReady,
      };
    case 'authenticating': {
      const resume = auth.resume;
      return {
        ...base,
        label: authLabel(auth),
        tone: 'warn',
        user: resume?.user ?? null,
        idp: resume?.idp ?? null,
        method: methodLabel(auth.method ?? resume?.method),
        expiresAt: resume?.status === 'authenticated' ? resume.expiresAt : null,
        scimReady: resume?.scimReady ?? null,
        authenticating: true,
      };
    }
    case 'unauthenticated':
      return { ...base, label: authLabel(auth), tone: 'neutral' };
  }
}

/** The one reauthentication banner (domain.md §1.6): never more than one. */
export interface BannerView {
  phase: 'warning' | 'required';
  text: string;
  action: 'authenticate' | 'authenticateEarly';
  actionLabel: 'Authenticate' | 'Authenticate Early';
  /** Countdown target (warning): when access expires. */
  expiresAt: number | null;
  /** Since when reauthentication is required. */
  since: number | null;
  reasonText: string | null;
  apps: string[];
  /** A sign-in started from the banner is under way. */
  authenticating: boolean;
}

export function bannerView(snapshot: ConnectorSnapshot): BannerView | null {
  const { banner } = snapshot;
  let auth = snapshot.auth;
  let authenticating = false;
  if (auth.status === 'authenticating') {
    if (!auth.resume || auth.purpose === 'signIn') return null;
    // Keep the banner (without its button) while the reauthentication runs.
    authenticating = true;
    auth = auth.resume;
  }
  if (auth.status === 'reauthRequired') {
    return {
      phase: 'required',
      text: banner?.text ?? REAUTH_REQUIRED_TEXT,
      action: 'authenticate',
      actionLabel: 'Authenticate',
      expiresAt: null,
      since: auth.since,
      reasonText: reauthReasonText(auth.reason),
      apps: auth.apps,
      authenticating,
    };
  }
  if (auth.status === 'authenticated' && banner) {
    const early = banner.action?.event !== 'authenticate';
    return {
      phase: early ? 'warning' : 'required',
      text: banner.text,
      action: early ? 'authenticateEarly' : 'authenticate',
      actionLabel: early ? 'Authenticate Early' : 'Authenticate',
      expiresAt: auth.expiresAt,
      since: null,
      reasonText: null,
      apps: [],
      authenticating,
    };
  }
  return null;
}

export const FORWARDING_LABEL: Record<string, string> = {
  INTERCEPT: 'Forward to Private Access',
  BYPASS: 'Bypass',
  INTERCEPT_ACCESIBLE: 'Forward allowed applications only',
};

export const OUTCOME_VIEW: Record<string, { label: string; tone: Tone }> = {
  allowed: { label: 'Allowed', tone: 'ok' },
  blocked: { label: 'Blocked', tone: 'danger' },
  bypassed: { label: 'Bypassed', tone: 'neutral' },
  reauth_required: { label: 'Authentication Required', tone: 'warn' },
};

export const SCIM_STATUS_TEXT: Record<string, { label: string; tone: Tone }> = {
  active: { label: 'Active in the SCIM directory', tone: 'ok' },
  absent: { label: 'Not synced to the SCIM directory', tone: 'danger' },
  inactive: { label: 'Deactivated in the SCIM directory', tone: 'danger' },
  not_applicable: { label: 'SCIM Sync is off for this identity provider', tone: 'neutral' },
};

/**
 * The SCIM Policy row: whether directory-based rules apply to this sign-in. Only shown while it
 * tells something the other rows do not: not while authentication is required (that row says
 * so) nor while the user is not active in the SCIM directory (the Directory Sync row says so).
 */
export function scimPolicyView(snapshot: ConnectorSnapshot): { ready: boolean } | null {
  const { auth, session } = snapshot;
  if (auth.status !== 'authenticated') return null;
  if (session && (session.scimStatus === 'absent' || session.scimStatus === 'inactive')) {
    return null;
  }
  return { ready: auth.scimReady };
}

// --- which user actions start a sign-in (shared/state/status.ts decides) ------------------------

/**
 * Whether `call` makes the core open a sign-in (so the web shell's sign-in window must open
 * now, in the click): sign in, Authenticate (Early), and Turn On / Retry without a usable session.
 */
export function startsSignIn(call: ConnectorCall, snapshot: ConnectorSnapshot | null): boolean {
  switch (call) {
    case 'signIn':
    case 'authenticate':
    case 'authenticateEarly':
      return true;
    case 'turnOn':
    case 'retry':
      return snapshot !== null && machineStartsSignIn(call, snapshot);
    default:
      return false;
  }
}
