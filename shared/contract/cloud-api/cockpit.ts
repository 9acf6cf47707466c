/**
 * The support and trainer cockpit (admin token): scenarios that reproduce a known customer
 * situation and apply its fix, a reset back to the demo tenant, the timeline of what explains a
 * user's access, and the import of a customer's Export Logs ZIP.
 */
import { TIMELINE_SOURCES } from '../../model/timeline.js';
import { z } from '../zod.js';
import { routes } from './route.js';
import { isoDateTime } from './session.js';

/** Largest Export Logs ZIP support may import, and the most its entries may unpack to. */
export const MAX_DIAGNOSTICS_ZIP_BYTES = 8 * 1024 * 1024;
export const MAX_DIAGNOSTICS_UNPACKED_BYTES = 64 * 1024 * 1024;

export const SCENARIO_AUDIENCES = ['support', 'trainer', 'end-user'] as const;
export const SCENARIO_STEP_KINDS = ['setup', 'symptom', 'fix', 'outcome'] as const;

const scenarioId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a scenario id such as okta-out-of-sync');

export const scenarioSummary = z.object({
  id: scenarioId,
  title: z.string(),
  audience: z.array(z.enum(SCENARIO_AUDIENCES)),
  summary: z.string(),
  /** The user whose connector shows the symptom, e.g. alice@acme.example. */
  user: z.string(),
  /** What the client must show once reproduced. */
  symptom: z.object({
    code: z.string().nullable(),
    serviceStatus: z.string(),
    authenticationStatus: z.string(),
  }),
  /** The fixes an admin may apply; the first is the one applied when none is named. */
  fixes: z.array(z.object({ id: z.string(), title: z.string() })),
});

export const scenarioStep = z.object({
  kind: z.enum(SCENARIO_STEP_KINDS),
  /** What was done or checked, as an admin would say it. */
  title: z.string(),
  ok: z.boolean(),
  /** What was seen (the code, the status), or why the step failed. */
  detail: z.string().optional(),
});

export const scenarioRun = z.object({
  scenario: scenarioId,
  /** `reproduce` puts the tenant into the starting state and checks the symptom. */
  phase: z.enum(['reproduce', 'fix']),
  steps: z.array(scenarioStep),
  passed: z.number().int(),
  failed: z.number().int(),
});

export const timelineEvent = z.object({
  at: isoDateTime,
  source: z.enum(TIMELINE_SOURCES),
  /** An error catalog code or a ZPA code, when the event carries one. */
  code: z.string().nullable(),
  text: z.string(),
  /** Whether this event is the error the user saw (marked on the picture). */
  error: z.boolean(),
});

export const explainedError = z.object({
  code: z.string(),
  title: z.string(),
  cause: z.string(),
  userAction: z.string(),
  adminAction: z.string(),
});

export const diagnosticsImport = z.object({
  id: z.string(),
  user: z.string().nullable(),
  timeline: z.array(timelineEvent),
  errors: z.array(explainedError),
});

export const cockpitRoutes = routes({
  tenant: {
    method: 'GET',
    path: '/api/admin/tenant',
    auth: 'admin',
    summary:
      "This tenant: its id and its two organisations' email domains, which its seed and its scenarios use",
    response: z.object({
      id: z.string(),
      domains: z.object({ acme: z.string(), globex: z.string() }),
    }),
  },
  listScenarios: {
    method: 'GET',
    path: '/api/admin/scenarios',
    auth: 'admin',
    summary: 'The scenario library: each known customer situation, its symptom and its fixes',
    response: z.array(scenarioSummary),
  },
  reproduceScenario: {
    method: 'POST',
    path: '/api/admin/scenarios/{id}/reproduce',
    auth: 'admin',
    summary: "Put the tenant into the scenario's starting state and check the client's symptom",
    params: z.object({ id: scenarioId }).strict(),
    response: scenarioRun,
  },
  fixScenario: {
    method: 'POST',
    path: '/api/admin/scenarios/{id}/fix',
    auth: 'admin',
    summary: "Apply the scenario's fix as an admin would and check the outcome",
    params: z.object({ id: scenarioId }).strict(),
    body: z
      .object({ fix: z.string().max(64).optional() })
      .strict()
      .default({}),
    response: scenarioRun,
  },
  scenarioProgress: {
    method: 'GET',
    path: '/api/admin/scenarios/{id}/run',
    auth: 'admin',
    summary: "The scenario's run on show: its steps so far, and whether it is still running",
    params: z.object({ id: scenarioId }).strict(),
    response: scenarioRun.extend({ running: z.boolean() }),
  },
  resetTenant: {
    method: 'POST',
    path: '/api/admin/reset',
    auth: 'admin',
    summary: 'Back to the demo tenant: IdPs, directories, SCIM data, policies, clock, sessions',
    status: 204,
  },
  timeline: {
    method: 'GET',
    path: '/api/admin/timeline',
    auth: 'admin',
    summary: "Every event that explains a user's access, in time order on the simulated clock",
    query: z
      .object({
        user: z.string().min(1).max(256),
        since: z.iso.datetime({ offset: true }).optional(),
        until: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
    response: z.array(timelineEvent),
  },
  importDiagnostics: {
    method: 'POST',
    path: '/api/admin/diagnostics',
    auth: 'admin',
    summary: "Import a customer's Export Logs ZIP (the body): its timeline and explained errors",
    status: 201,
    bodyLimit: MAX_DIAGNOSTICS_ZIP_BYTES,
    response: diagnosticsImport,
  },
  getDiagnostics: {
    method: 'GET',
    path: '/api/admin/diagnostics/{id}',
    auth: 'admin',
    summary: 'An imported Export Logs ZIP, as answered when it was imported',
    params: z.object({ id: z.string().min(1).max(64) }).strict(),
    response: diagnosticsImport,
  },
});

export type ScenarioSummary = z.infer<typeof scenarioSummary>;
export type ScenarioStep = z.infer<typeof scenarioStep>;
export type ScenarioRun = z.infer<typeof scenarioRun>;
export type TimelineEvent = z.infer<typeof timelineEvent>;
export type DiagnosticsImport = z.infer<typeof diagnosticsImport>;
