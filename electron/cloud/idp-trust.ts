import type { JWK } from 'jose';
import type { IdpConfig } from '../../shared/model/idp.js';

/**
 * What sign-in (auth/) needs to trust an IdP: its SAML entity ID, SSO URL and signing
 * certificate, its OIDC issuer, client and public key. The bundled IdPs (idp/trust.ts) provide
 * it through the composition root, so auth/ and idp/ never import each other.
 */
/** The IdP configuration fields trust depends on. */
type Idp = Pick<IdpConfig, 'id' | 'vendor' | 'domains'>;

export interface IdpTrust {
  samlEntityId(idp: Idp): string;
  samlSsoUrl(idp: Idp): string;
  /** The IdP's current signing certificate (PEM). */
  samlCertificatePem(idp: Idp): Promise<string>;
  oidcIssuer(idp: Idp): string;
  oidcClientId: string;
  /** The IdP's public signing key, undefined before it has signed anything. */
  oidcPublicJwk(idp: Idp): JWK | undefined;
}
