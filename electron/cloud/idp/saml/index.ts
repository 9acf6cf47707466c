/** The bundled SAML IdPs (see routes.ts, admin-routes.ts, response-builder.ts). */
export {
  samlIdpAdminRoutes,
  samlIdpSettingsView,
  type SamlIdpSettingsView,
} from './admin-routes.js';
export { samlIdpLoginUrl, samlIdpMetadataUrl, samlIdpSsoUrl } from './endpoints.js';
export {
  buildSamlResponse,
  type BuildSamlResponseOptions,
  type BuiltSamlResponse,
  type SignMode,
  type WrapAttack,
} from './response-builder.js';
export { samlIdpRoutes } from './routes.js';
export {
  existingSamlSigningKey,
  rotateSamlSigningKey,
  samlSigningKey,
  type SamlSigningKey,
} from './signing-key.js';
export { generateSigningKeyPair, type SigningKeyPair } from './certificate.js';
export { samlIdpEntityId, samlProfile } from './vendor-profiles.js';
