/**
 * Workshop mode (`npm run cloud -- --attendees <n>`): one cloud, one tenant per attendee under
 * `/t/<k>`, each with its own IdPs, SCIM tokens, policies, sessions, clock and admin token. These
 * routes belong to the trainer (the cloud's own admin token); a cloud without attendees lists
 * none and refuses the actions with 404 `no_workshop`.
 */
import { z } from '../zod.js';
import { clockAdvanceSchema } from './admin.js';
import { routes } from './route.js';

/** Attendees are numbered from 1; a workshop has at most this many. */
export const MAX_ATTENDEES = 500;

/** The path prefix of attendee k's tenant: `/t/<k>`. */
export const attendeePrefix = (k: number): string => `/t/${k}`;

export const attendeeNumber = z.coerce.number().int().min(1).max(MAX_ATTENDEES);

export const attendeeView = z.object({
  attendee: z.number().int(),
  /** The tenant's id (the "userdb" of its SCIM endpoints). */
  tenantId: z.string(),
  /** The attendee's own admin token: their tenant's admin API and console, nobody else's. */
  adminToken: z.string(),
  /** The tenant's base URL: the connector's cloud URL (web shell --cloud, Settings, CLI). */
  cloudUrl: z.string(),
  /** The tenant's admin console (it asks for the attendee's admin token). */
  consoleUrl: z.string(),
  /** The attendee's join page: cloud URL, usernames, the exact commands, the console link. */
  joinUrl: z.string(),
  /** acme-k.example (Okta SAML) and globex-k.example (OIDC). */
  domains: z.array(z.string()),
});

/** What the trainer's live view shows of one attendee (one row). */
export const attendeeStatus = z.object({
  attendee: z.number().int(),
  /** Connectors on the push channel now. */
  connectors: z.number().int(),
  /** Of those, how many must reauthenticate (Authentication Required). */
  reauthRequired: z.number().int(),
  /** Service Status of the attendee's connectors, worst first ("On", "Connection Error", "Off"). */
  serviceStatus: z.string(),
  /** Authentication Status, worst first ("Authentication Required", "Authenticated", …). */
  authenticationStatus: z.string(),
  /** The last error code one of the attendee's sessions ended or failed with. */
  lastErrorCode: z.string().nullable(),
  /** The scenario step the attendee is on; null until a scenario runs in the tenant. */
  scenarioStep: z.string().nullable(),
  scimSyncEnabled: z.boolean(),
  scimAttributesForPolicy: z.boolean(),
  /** How far the tenant's simulated clock has been fast-forwarded (it changes only then). */
  clockOffsetMs: z.number(),
});

/** Which attendees an action is for: everyone, or a list. */
const targets = z.union([z.literal('all'), z.array(attendeeNumber).min(1).max(MAX_ATTENDEES)]);

/** Which of a tenant's IdPs a SCIM toggle is for (default: both). */
const idpScope = z.enum(['all', 'saml', 'oidc']).default('all');

export const workshopAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scimSync'), enabled: z.boolean(), idps: idpScope }).strict(),
  z
    .object({ type: z.literal('scimAttributesForPolicy'), enabled: z.boolean(), idps: idpScope })
    .strict(),
  z.object({ type: z.literal('advanceClock'), by: clockAdvanceSchema }).strict(),
  /** Back to the tenant's starting state (scenarios/reset.ts): sessions revoked, seed again. */
  z.object({ type: z.literal('reset') }).strict(),
]);

export const workshopActionRequest = z
  .object({ attendees: targets, action: workshopAction })
  .strict();

export const workshopActionResult = z.object({
  results: z.array(
    z.object({
      attendee: z.number().int(),
      ok: z.boolean(),
      /** Why it failed (an admin error code and message), when it did. */
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});

/** The live feed's messages (text/event-stream `data:` lines; the SSE event name is `type`). */
export const workshopFeedMessage = z.discriminatedUnion('type', [
  /** First, and after a reconnect: every row. */
  z.object({ type: z.literal('snapshot'), attendees: z.array(attendeeStatus) }),
  /** A row that changed. */
  z.object({ type: z.literal('attendee'), status: attendeeStatus }),
]);

const attendeeParams = z.object({ attendee: attendeeNumber }).strict();

export const workshopRoutes = routes({
  listAttendees: {
    method: 'GET',
    path: '/api/admin/attendees',
    auth: 'admin',
    summary: "Workshop attendees: tenant, admin token, console and join links (trainer's token)",
    response: z.array(attendeeView),
  },
  attendeeJoinQr: {
    method: 'GET',
    path: '/api/admin/attendees/{attendee}/qr',
    auth: 'admin',
    summary: "A QR code (SVG) of the attendee's join link",
    params: attendeeParams,
    responseType: 'image/svg+xml',
  },
  workshopStatus: {
    method: 'GET',
    path: '/api/admin/workshop/status',
    auth: 'admin',
    summary: "Every attendee's row of the trainer's live view, now",
    response: z.array(attendeeStatus),
  },
  workshopEvents: {
    method: 'GET',
    path: '/api/admin/workshop/events',
    auth: 'admin',
    summary: "The trainer's live view as Server-Sent Events: a snapshot, then each changed row",
    responseType: 'text/event-stream',
  },
  workshopAction: {
    method: 'POST',
    path: '/api/admin/workshop/actions',
    auth: 'admin',
    summary:
      'Toggle SCIM Sync or SCIM Attributes for Policy, advance the clock or reset the tenant, for some attendees or all',
    body: workshopActionRequest,
    response: workshopActionResult,
  },
});
