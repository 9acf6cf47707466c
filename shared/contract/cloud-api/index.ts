/**
 * The cloud's own wire as one contract: every route of the admin, connector, support and
 * diagnostics APIs (route.ts describes an entry) and every push-channel message (push.ts).
 * The cloud serves the routes from it, the connector's client is typed from it, and
 * GET /api/openapi.json is generated from it (openapi.ts). SCIM (RFC 7644) is not here: it
 * has its own standard.
 */
import { adminRoutes } from './admin.js';
import { directoryRoutes, samlIdpRoutes } from './admin-idp.js';
import { provisioningProgressRoutes, provisioningRoutes } from './admin-provisioning.js';
import { policyRoutes } from './admin-policy.js';
import { cockpitRoutes } from './cockpit.js';
import { connectorRoutes } from './connector.js';
import { diagnosticsRoutes } from './diagnostics.js';
import { supportRoutes } from './support.js';
import { workshopRoutes } from './workshop.js';

export const CLOUD_ROUTES = {
  ...diagnosticsRoutes,
  ...connectorRoutes,
  ...supportRoutes,
  ...adminRoutes,
  ...directoryRoutes,
  ...provisioningRoutes,
  ...provisioningProgressRoutes,
  ...samlIdpRoutes,
  ...policyRoutes,
  ...cockpitRoutes,
  ...workshopRoutes,
};

export type CloudRouteName = keyof typeof CLOUD_ROUTES;
export type { RouteDef, RouteInput, RouteRequest, RouteResponse } from './route.js';
