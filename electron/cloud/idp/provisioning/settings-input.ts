/**
 * The admin's provisioning configuration: validated, merged into the stored settings, with the
 * vendor's cycle state started or stopped when provisioning is switched on or off.
 */
import type { ToAppSettings } from '../../../../shared/contract/cloud-api/provisioning-views.js';
import type { IdpVendor } from '../../../../shared/model/idp.js';
import { InvalidError } from '../../domain-errors.js';
import type { ProvisioningSettings } from '../../store/types.js';
import { requestBaseUrl, vendorOptionsSchema } from './options.js';
import { entraState, isOktaLike, pingState } from './vendor-state.js';

/** A partial update: each field left out keeps its stored value. */
export interface ConfigureInput {
  enabled?: boolean;
  baseUrl?: string | null;
  /** Omitted: keep the stored token. */
  token?: string;
  /** Merged key by key into the stored options (Okta's org flag alone, say). */
  vendorOptions?: Record<string, unknown>;
  /** Okta's To App switches to change (the others keep their value). */
  toApp?: Partial<ToAppSettings>;
}

function validVendorOptions(
  vendor: IdpVendor,
  current: ProvisioningSettings,
  input: ConfigureInput,
) {
  if (input.vendorOptions === undefined && input.toApp === undefined) return current.vendorOptions;
  if (input.toApp !== undefined && !isOktaLike(vendor)) {
    throw new InvalidError(
      'invalid_request',
      `toApp: the To App switches are Okta's; a ${vendor} IdP has none.`,
    );
  }
  // The To App switches are kept in the options; options given without them keep them.
  const toApp = {
    ...(current.vendorOptions.toApp as Partial<ToAppSettings> | undefined),
    ...(input.vendorOptions?.toApp as Partial<ToAppSettings> | undefined),
    ...input.toApp,
  };
  // Options merge key by key: a partial update (Okta's org flag alone, say) keeps the others.
  const given = {
    ...current.vendorOptions,
    ...input.vendorOptions,
    ...(Object.keys(toApp).length > 0 ? { toApp } : {}),
  };
  const parsed = vendorOptionsSchema(vendor).safeParse(given);
  if (!parsed.success) {
    throw new InvalidError(
      'invalid_request',
      parsed.error.issues
        .map((i) => `vendorOptions.${i.path.join('.') || '(object)'}: ${i.message}`)
        .join('; '),
    );
  }
  return given;
}

/** The settings after `input`; throws InvalidError for a bad input. */
export function nextSettings(
  vendor: IdpVendor,
  current: ProvisioningSettings,
  input: ConfigureInput,
  now: number,
): ProvisioningSettings {
  const vendorOptions = validVendorOptions(vendor, current, input);
  const baseUrl = input.baseUrl === undefined ? current.baseUrl : input.baseUrl;
  if (baseUrl !== null) {
    try {
      requestBaseUrl(baseUrl);
    } catch {
      throw new InvalidError('invalid_request', `baseUrl: not an absolute URL: ${baseUrl}`);
    }
  }
  const token = input.token ?? current.token;
  const enabled = input.enabled ?? current.enabled;
  if (enabled && (baseUrl === null || token === null)) {
    throw new InvalidError(
      'provisioning_incomplete',
      'Provisioning needs the SCIM Service Provider Endpoint (baseUrl) and a token before it can be enabled.',
    );
  }
  const turningOn = enabled && !current.enabled;
  const turningOff = !enabled && current.enabled;
  const next: ProvisioningSettings = {
    ...current,
    enabled,
    baseUrl,
    token,
    vendorOptions,
    enabledAt: turningOn ? now : current.enabledAt,
    updatedAt: now,
  };
  if (vendor === 'entra') {
    const st = entraState(next);
    if (turningOn) {
      st.nextCycleAt = now;
      st.disabledReason = null;
    }
    if (turningOff) st.nextCycleAt = null;
    next.vendorState = { ...st };
  } else if (vendor === 'ping') {
    const st = pingState(next);
    if (turningOn) st.nextPollAt = now;
    if (turningOff) st.nextPollAt = null;
    next.vendorState = { ...st };
  }
  return next;
}
