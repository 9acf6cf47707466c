import type { IdpConfig } from '../../../shared/model/idp.js';
import { AuthError } from './auth-error.js';
import { CODES } from '../../../shared/errors/codes.js';

/**
 * IdP discovery: the connector sends the username, the cloud picks the IdP configured for its
 * domain, refusing with the codes the real client shows when it cannot.
 */
export function discoverIdp(idps: readonly IdpConfig[], username: string): IdpConfig {
  const at = username.lastIndexOf('@');
  const domain =
    at > 0
      ? username
          .slice(at + 1)
          .trim()
          .toLowerCase()
      : '';
  if (!domain || !domain.includes('.')) {
    throw new AuthError(CODES.USERNAME_NO_DOMAIN, 'Enter your username as user@domain.');
  }
  if (idps.length === 0) {
    throw new AuthError(
      CODES.PRIVATE_ACCESS_NOT_CONFIGURED,
      'No identity provider is configured for user sign-in.',
    );
  }
  const idp = idps.find((i) => i.domains.includes(domain));
  if (!idp)
    throw new AuthError(
      CODES.UNKNOWN_USER_DOMAIN,
      `No identity provider is configured for ${domain}.`,
    );
  if (!idp.enabled)
    throw new AuthError(CODES.IDP_DISABLED, `The identity provider "${idp.name}" is disabled.`);
  return idp;
}
