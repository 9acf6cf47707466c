/** The bundled IdPs' SCIM push clients (Okta, Entra ID, PingFederate behaviours). */
export { provisioningRoutes } from './routes.js';
export { startProvisioning, type ProvisioningEngine } from './engine.js';
export { ProvisioningService } from './provisioning-service.js';
export { OUT_OF_SYNC_MESSAGE } from './okta-rules.js';
export type * from './types.js';
