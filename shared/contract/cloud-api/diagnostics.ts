/** Open routes for monitoring and for clients that drive the simulator from any language. */
import { z } from '../zod.js';
import { routes } from './route.js';
import { isoDateTime } from './session.js';

export const diagnosticsRoutes = routes({
  health: {
    method: 'GET',
    path: '/api/health',
    auth: 'none',
    summary: "Liveness, with the cloud's simulated time",
    response: z.object({ status: z.literal('ok'), time: isoDateTime }),
  },
  openApi: {
    method: 'GET',
    path: '/api/openapi.json',
    auth: 'none',
    summary: 'This API as an OpenAPI 3.1 document, generated from the contract',
    response: z.record(z.string(), z.unknown()),
  },
});
