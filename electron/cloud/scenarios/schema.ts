/**
 * What a scenario file says, as a schema: the starting state (IdPs and their toggles, directory
 * users and groups, assignments, provisioning, policies, the clock, who is signed in), what
 * happens next, the symptom the client must show, the fixes an admin may apply and the outcome.
 * Every step is plain data naming IdPs, users and groups by name; the runner (runner.ts) turns
 * each into admin API calls or connector actions. A scenario file that does not fit the schema
 * fails when the library loads (library/index.ts), and in its test.
 */
import { z } from 'zod';
import { SCENARIO_AUDIENCES } from '../../../shared/contract/cloud-api/cockpit.js';
import { patchIdpSchema } from '../../../shared/contract/cloud-api/idp-input.js';
import { IDP_PROTOCOLS, IDP_VENDORS } from '../../../shared/model/idp.js';
import { REAUTH_REASONS, type AuthState, type ServiceState } from '../../../shared/state/types.js';
import { DEMO_DOMAINS, type DemoDomains } from '../seed/demo-domains.js';

/** An IdP by name ("Okta (SAML)") or by vendor ("okta"). */
const idp = z.string().min(1);
const userName = z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
const title = z.string().min(1).optional();
const clockStep = z
  .object({
    minutes: z.number().int().min(0).optional(),
    hours: z.number().int().min(0).optional(),
    days: z.number().int().min(0).optional(),
  })
  .strict();

const serviceStates = [
  'off',
  'connecting',
  'on',
  'error',
  'disconnecting',
] as const satisfies readonly ServiceState[];
const authStates = [
  'unauthenticated',
  'authenticating',
  'authenticated',
  'reauthRequired',
] as const satisfies readonly AuthState[];

/**
 * What the client shows: its two axes and, for a service error, a refused sign-in or an app
 * check, the catalog code (and its variant). The labels are derived (labels.ts), never written.
 */
export const clientExpectation = z
  .object({
    service: z.enum(serviceStates),
    auth: z.enum(authStates),
    code: z.string().optional(),
    reason: z.string().optional(),
    /** With auth `reauthRequired`: why the client asks. */
    reauthReason: z.enum(REAUTH_REASONS).optional(),
    /** Also open this app: its decision must carry `code` (a timeout block, say). */
    app: z
      .object({
        app: z.string(),
        port: z.number().int().default(443),
        outcome: z.enum(['allowed', 'blocked', 'reauth_required']),
        code: z.string().optional(),
      })
      .strict()
      .optional(),
    /** App connections that must be open (kept) or gone. */
    connections: z.number().int().min(0).optional(),
  })
  .strict();

/** One thing an admin (in the cloud or at the IdP), the clock or the user does, or a check. */
export const action = z.discriminatedUnion('do', [
  z
    .object({
      do: z.literal('createIdp'),
      title,
      name: z.string(),
      protocol: z.enum(IDP_PROTOCOLS),
      vendor: z.enum(IDP_VENDORS),
      domains: z.array(z.string()),
    })
    .strict(),
  z.object({ do: z.literal('patchIdp'), title, idp, set: patchIdpSchema }).strict(),
  z.object({ do: z.literal('generateScimToken'), title, idp }).strict(),
  z
    .object({
      do: z.literal('configureProvisioning'),
      title,
      idp,
      enabled: z.boolean().optional(),
      /** Paste the IdP's SCIM Service Provider Endpoint as the Base URL. */
      pasteEndpoint: z.boolean().optional(),
      /** Paste a token: the newest one generated, or one the cloud never issued. */
      token: z.enum(['latest', 'wrong']).optional(),
      vendorOptions: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  z
    .object({
      do: z.literal('createUser'),
      title,
      idp,
      userName,
      givenName: z.string(),
      familyName: z.string(),
      department: z.string().optional(),
      groups: z.array(z.string()).default([]),
    })
    .strict(),
  z
    .object({
      do: z.literal('assign'),
      title,
      idp,
      users: z.array(userName).default([]),
      groups: z.array(z.string()).default([]),
    })
    .strict(),
  z
    .object({
      do: z.literal('unassign'),
      title,
      idp,
      user: userName.optional(),
      group: z.string().optional(),
    })
    .strict(),
  z.object({ do: z.literal('pushGroup'), title, idp, group: z.string() }).strict(),
  z.object({ do: z.literal('provisionUser'), title, idp, user: userName }).strict(),
  z.object({ do: z.literal('restartProvisioning'), title, idp }).strict(),
  z
    .object({
      do: z.literal('updateUser'),
      title,
      idp,
      user: userName,
      /** A profile change at the IdP (the IdP pushes it if its provisioning updates users). */
      department: z.string(),
    })
    .strict(),
  z.object({ do: z.literal('deactivateUser'), title, idp, user: userName }).strict(),
  z.object({ do: z.literal('reactivateUser'), title, idp, user: userName }).strict(),
  z.object({ do: z.literal('rotateCertificate'), title, idp }).strict(),
  z.object({ do: z.literal('setIdpClockSkew'), title, idp, seconds: z.number().int() }).strict(),
  z
    .object({
      do: z.literal('replaceIdp'),
      title,
      idp,
      /** Whether the new IdP sends the old one's NameID for each user, or another kind. */
      nameId: z.enum(['same', 'different']),
    })
    .strict(),
  z
    .object({
      do: z.literal('createAccessRule'),
      title,
      /** A new segment (in a new segment group of the same name) for this app. */
      app: z.string(),
      port: z.number().int().default(443),
      /** ALLOW only for members of this SCIM group (AND with the app). */
      scimGroup: z.object({ idp, group: z.string() }).strict(),
    })
    .strict(),
  z.object({ do: z.literal('advanceClock'), title, by: clockStep }).strict(),
  z
    .object({
      do: z.literal('waitForProvisioning'),
      title,
      idp,
      /** A user's or a group's push state (provisioned, out_of_sync, failed, ...). */
      user: userName.optional(),
      group: z.string().optional(),
      state: z.string().optional(),
      /** Entra's job is in quarantine (true) or out of it (false). */
      quarantined: z.boolean().optional(),
      /** The IdP's provisioning log holds a request answered with this status. */
      logStatus: z.number().int().optional(),
    })
    .strict(),
  z
    .object({
      do: z.literal('expectScimUser'),
      title,
      idp,
      user: userName,
      active: z.boolean().nullable(),
    })
    .strict(),
  z
    .object({
      do: z.literal('signIn'),
      title,
      user: userName,
      /** The username typed in the client, when not the IdP login (a new IdP's NameID). */
      as: userName.optional(),
    })
    .strict(),
  z
    .object({
      do: z.literal('openApp'),
      title,
      user: userName,
      app: z.string(),
      port: z.number().int().default(443),
    })
    .strict(),
  z.object({ do: z.literal('retry'), title, user: userName }).strict(),
  z.object({ do: z.literal('signOut'), title, user: userName }).strict(),
  z.object({ do: z.literal('authenticate'), title, user: userName }).strict(),
  z
    .object({ do: z.literal('expectClient'), title, user: userName, expect: clientExpectation })
    .strict(),
]);

/** The starting state, section by section, applied in this order after the reset. */
export const startState = z
  .object({
    idps: z.array(action).default([]),
    directory: z.array(action).default([]),
    provisioning: z.array(action).default([]),
    policies: z.array(action).default([]),
    clock: clockStep.optional(),
    /** Who is signed in (and which apps they have open) before the incident. */
    signedIn: z
      .array(z.object({ user: userName, open: z.array(z.string()).default([]) }).strict())
      .default([]),
  })
  .strict();

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    title: z.string(),
    audience: z.array(z.enum(SCENARIO_AUDIENCES)).min(1),
    summary: z.string(),
    /** The user whose connector shows the symptom. */
    user: userName,
    start: startState,
    /** What happens to the running tenant before the symptom shows (may be empty). */
    incident: z.array(action).default([]),
    /** How the user meets the symptom: sign in, or already signed in (start.signedIn). */
    symptom: clientExpectation,
    fixes: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            title: z.string(),
            steps: z.array(action).min(1),
          })
          .strict(),
      )
      .min(1),
    outcome: clientExpectation,
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Action = z.output<typeof action>;
export type ActionInput = z.input<typeof action>;
export type ClientExpectation = z.output<typeof clientExpectation>;

/** A scenario file: the scenario for a tenant's organisations (seed/demo-domains.ts). */
export type ScenarioFile = (domains: DemoDomains) => ScenarioInput;

/**
 * A scenario of the library, built for any tenant's organisations: the demo tenant's
 * (alice@acme.example) or a workshop attendee's (alice@acme-3.example), from one file.
 */
export interface ScenarioTemplate {
  readonly id: string;
  /** The scenario for these organisations (each built once). */
  for(domains: DemoDomains): Scenario;
}

/** Checks a scenario against the schema (its defaults applied); throws naming the fault. */
function check(input: ScenarioInput): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Scenario ${input.id}: ${where}`);
  }
  return parsed.data;
}

/** A scenario file, checked when it loads (for the demo tenant's organisations). */
export function defineScenario(file: ScenarioFile): ScenarioTemplate {
  const built = new Map<string, Scenario>();
  const build = (d: DemoDomains) => {
    const key = `${d.acme} ${d.globex}`;
    let scenario = built.get(key);
    if (!scenario) built.set(key, (scenario = check(file(d))));
    return scenario;
  };
  const { id } = build(DEMO_DOMAINS);
  return { id, for: build };
}
