/** Admin API input for IdP configurations (POST and PATCH /api/admin/idps). */
import { z } from '../zod.js';
import { IDP_PROTOCOLS, IDP_VENDORS } from '../../model/idp.js';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'not a domain name');

export const editableIdpFields = {
  name: z.string().trim().min(1).max(128),
  domains: z.array(domain).max(100),
  enabled: z.boolean(),
  samlAttributesForPolicy: z.boolean(),
  scimSyncEnabled: z.boolean(),
  scimAttributesForPolicy: z.boolean(),
  scimRateLimitEnabled: z.boolean(),
  reauthOnUserUpdate: z.boolean(),
  scimPolicyDelayMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
};

/** The real service's wait before relying on SCIM policies (domain.md §2.5), in minutes. */
export const REAL_SCIM_WAIT_MINUTES = 48 * 60;
export const SCIM_POLICY_GUIDANCE =
  'After enabling SCIM Sync, wait at least 48 hours, up to a week, and compare the user and group counts with the IdP before relying on SCIM-based policies.';

/**
 * The real ZPA API's names of the IdP flags and ours: the one source of the mapping, read on
 * input (POST / PATCH accept either name) and output (GET returns both). SAML-for-policy is a
 * *disable* flag in the real API (domain.md §7).
 */
export const ZPA_IDP_FLAGS = {
  scimEnabled: { ours: 'scimSyncEnabled', inverted: false },
  enableScimBasedPolicy: { ours: 'scimAttributesForPolicy', inverted: false },
  disableSamlBasedPolicy: { ours: 'samlAttributesForPolicy', inverted: true },
} as const;
type ZpaFlag = keyof typeof ZPA_IDP_FLAGS;
const zpaFlagFields = Object.fromEntries(
  Object.keys(ZPA_IDP_FLAGS).map((k) => [k, z.boolean().optional()]),
) as Record<ZpaFlag, z.ZodOptional<z.ZodBoolean>>;

/** Our flags from the real names in an input (a conflict with our own name is an issue). */
function fromZpaNames<T extends Record<string, unknown>>(input: T, ctx: z.RefinementCtx) {
  const out: Record<string, unknown> = { ...input };
  for (const [zpa, { ours, inverted }] of Object.entries(ZPA_IDP_FLAGS)) {
    const v = input[zpa];
    delete out[zpa];
    if (typeof v !== 'boolean') continue;
    const mapped = inverted ? !v : v;
    if (typeof input[ours] === 'boolean' && input[ours] !== mapped) {
      ctx.addIssue({ code: 'custom', path: [zpa], message: `contradicts ${ours}` });
    }
    out[ours] = mapped;
  }
  return out as Omit<T, ZpaFlag>;
}

/** The real names of an IdP's flags, for the API's output. */
export const zpaNamesOf = (c: Record<(typeof ZPA_IDP_FLAGS)[ZpaFlag]['ours'], boolean>) =>
  Object.fromEntries(
    Object.entries(ZPA_IDP_FLAGS).map(([zpa, { ours, inverted }]) => [
      zpa,
      inverted ? !c[ours] : c[ours],
    ]),
  ) as Record<ZpaFlag, boolean>;

export const createIdpSchema = z
  .object({
    ...editableIdpFields,
    protocol: z.enum(IDP_PROTOCOLS),
    vendor: z.enum(IDP_VENDORS).default('generic'),
    domains: editableIdpFields.domains.default([]),
    enabled: editableIdpFields.enabled.default(true),
    samlAttributesForPolicy: editableIdpFields.samlAttributesForPolicy.optional(),
    scimSyncEnabled: editableIdpFields.scimSyncEnabled.optional(),
    scimAttributesForPolicy: editableIdpFields.scimAttributesForPolicy.optional(),
    scimRateLimitEnabled: editableIdpFields.scimRateLimitEnabled.default(false),
    reauthOnUserUpdate: editableIdpFields.reauthOnUserUpdate.default(false),
    scimPolicyDelayMinutes: editableIdpFields.scimPolicyDelayMinutes.default(0),
    ...zpaFlagFields,
  })
  .strict()
  .transform(fromZpaNames)
  // Defaults after the real names were read, so a real name is not contradicted by a default.
  .transform((o) => ({
    ...o,
    samlAttributesForPolicy: o.samlAttributesForPolicy ?? false,
    scimSyncEnabled: o.scimSyncEnabled ?? false,
    scimAttributesForPolicy: o.scimAttributesForPolicy ?? false,
  }));

export const patchIdpSchema = z
  .object({ ...editableIdpFields, ...zpaFlagFields })
  .partial()
  .strict()
  .transform(fromZpaNames);

export type CreateIdpInput = z.input<typeof createIdpSchema>;
export type PatchIdpInput = z.input<typeof patchIdpSchema>;
