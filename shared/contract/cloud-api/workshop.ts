/**
 * Workshop mode (`npm run cloud -- --attendees <n>`): one cloud, one tenant per attendee under
 * `/t/<k>`, each with its own IdPs, SCIM tokens, policies, sessions, clock and admin token. These
 * routes belong to the trainer (the cloud's own admin token); a cloud without attendees lists
 * none and refuses the actions with 404 `no_workshop`.
 */
import { z } from '../zod.js';
import { clockAdvanceSchema } from './admin.js';
import { scenarioSummary } from './cockpit.js';
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

/** Where an attendee's tenant is in a scenario of the library: the trainer's "Scenario step". */
export const scenarioPosition = z.object({
  scenario: scenarioSummary.shape.id,
  /** `reproduce`: reset, starting state, incident, symptom; `fix`: the fix, then the outcome. */
  phase: z.enum(['reproduce', 'fix']),
  /** Steps of the phase run so far, and how many it has. */
  done: z.number().int(),
  total: z.number().int(),
  /** The step running, or the last one run (as an admin would say it); null before the first. */
  step: z.string().nullable(),
  /**
   * queued: waiting for its turn; running; paused: between two steps; passed: the phase ran
   * to its end (symptom or outcome shown); failed: a step failed, the phase ended there.
   */
  state: z.enum(['queued', 'running', 'paused', 'passed', 'failed']),
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
  /** The scenario step the attendee's tenant is on; null until a scenario runs there. */
  scenarioStep: scenarioPosition.nullable(),
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

/** Run a scenario's next step (or the rest of its phase) in some attendees' tenants, or all. */
export const workshopScenarioStepRequest = z
  .object({
    attendees: targets,
    scenario: scenarioSummary.shape.id,
    /** `step`: the next step; `phase`: through to the symptom (reproduce) or the outcome (fix). */
    reach: z.enum(['step', 'phase']).default('step'),
  })
  .strict();

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
  workshopScenarioStep: {
    method: 'POST',
    path: '/api/admin/workshop/scenario-steps',
    auth: 'admin',
    summary:
      "Run a scenario's next step (or the rest of its phase) in each attendee's own tenant; progress shows in the live view",
    status: 202,
    body: workshopScenarioStepRequest,
    /** Started (ok) or refused, per attendee (a step already running there: scenario_running). */
    response: workshopActionResult,
  },
});
