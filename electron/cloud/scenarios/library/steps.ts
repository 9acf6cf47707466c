/** Admin steps that many scenarios start with, written once. */
import type { ActionInput } from '../schema.js';

/**
 * Connecting an IdP's provisioning to the cloud, as the seed does it: a SCIM token generated in
 * the cloud, then, at the IdP, the SCIM Service Provider Endpoint and that token pasted in and
 * provisioning switched on. `token: 'wrong'` pastes one the cloud never issued.
 */
export function connectProvisioning(
  idp: string,
  o: { token?: 'latest' | 'wrong'; vendorOptions?: Record<string, unknown> } = {},
): ActionInput[] {
  return [
    { do: 'generateScimToken', idp },
    {
      do: 'configureProvisioning',
      idp,
      pasteEndpoint: true,
      token: o.token ?? 'latest',
      ...(o.vendorOptions ? { vendorOptions: o.vendorOptions } : {}),
      enabled: true,
    },
  ];
}
