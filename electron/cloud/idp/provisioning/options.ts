import { z } from 'zod';
import { toAppSchema } from '../../../../shared/contract/cloud-api/admin-provisioning.js';
import type { IdpVendor } from '../../../../shared/model/idp.js';
import type { EntraOptions, OktaOptions, PingOptions } from './types.js';
import { withoutTrailingSlashes } from '../../../../shared/url.js';

/**
 * Objects pushed at once by default: enough to overlap the round trips (the push client and the
 * SCIM server share this process). The real service's pace (scimRateLimitEnabled, 50 updates/s)
 * is an option of the IdP, never the default.
 */
export const DEFAULT_PUSH_CONCURRENCY = 8;

const concurrency = z.number().int().min(1).max(64);

const oktaSchema = z
  .object({
    provisionOutOfSyncUsers: z.boolean().default(false),
    pushEnterpriseAttributes: z.boolean().default(true),
    /** The To App switches (set through the `toApp` field of the configuration). */
    toApp: toAppSchema.default({}).transform((t) => ({
      createUsers: t.createUsers ?? true,
      updateUserAttributes: t.updateUserAttributes ?? true,
      deactivateUsers: t.deactivateUsers ?? true,
    })),
    concurrency: concurrency.default(DEFAULT_PUSH_CONCURRENCY),
  })
  .strict();

const entraSchema = z
  .object({
    aadOptscim062020: z.boolean().default(false),
    concurrency: concurrency.default(DEFAULT_PUSH_CONCURRENCY),
  })
  .strict();

const pingSchema = z
  .object({
    removeUserAction: z.enum(['disable', 'delete']).default('disable'),
    updateMethod: z.enum(['put', 'patch']).default('put'),
    concurrency: concurrency.default(DEFAULT_PUSH_CONCURRENCY),
  })
  .strict();

/** The vendorOptions each vendor accepts (unknown keys are refused), with their defaults. */
export function vendorOptionsSchema(vendor: IdpVendor) {
  switch (vendor) {
    case 'entra':
      return entraSchema;
    case 'ping':
      return pingSchema;
    default:
      return oktaSchema;
  }
}

/**
 * Parses a stored options object once: a push asks for its options for every user (the To App
 * switches, the enterprise attributes), and a run's settings object stays the same throughout.
 * The parsed options are shared: read them, never change them.
 */
function parsedOnce<T>(parse: (raw: Record<string, unknown>) => T) {
  const parsed = new WeakMap<object, T>();
  return (raw: Record<string, unknown> | undefined): T => {
    if (!raw) return parse({});
    let options = parsed.get(raw);
    if (options === undefined) parsed.set(raw, (options = parse(raw)));
    return options;
  };
}

export const oktaOptions: (raw: Record<string, unknown>) => OktaOptions = parsedOnce((raw) =>
  oktaSchema.parse(raw),
);

/** The aadOptscim062020 flag is on when set in the options or appended to the Tenant URL. */
const parsedEntraOptions = parsedOnce((raw) => entraSchema.parse(raw));

export function entraOptions(raw: Record<string, unknown>, baseUrl: string | null): EntraOptions {
  const o = parsedEntraOptions(raw);
  return { ...o, aadOptscim062020: o.aadOptscim062020 || urlFlag(baseUrl, 'aadOptscim062020') };
}

export const pingOptions: (raw: Record<string, unknown>) => PingOptions = parsedOnce((raw) =>
  pingSchema.parse(raw),
);

function urlFlag(baseUrl: string | null, flag: string): boolean {
  if (!baseUrl) return false;
  try {
    const url = new URL(baseUrl);
    return [...url.searchParams.keys()].some((k) => k.toLowerCase() === flag.toLowerCase());
  } catch {
    return false;
  }
}

/** The base URL requests go to: the pasted URL without its query (feature flags) or trailing /. */
export function requestBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.search = '';
  url.hash = '';
  return withoutTrailingSlashes(url.toString());
}
