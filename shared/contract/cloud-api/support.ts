/** Report an Issue: a connector sends the form and its redacted logs ZIP. */
import { z } from 'zod';
import { routes } from './route.js';

export const supportRoutes = routes({
  reportIssue: {
    method: 'POST',
    path: '/api/connector/issues',
    auth: 'none',
    summary: 'Report an Issue: the form, the device and the redacted logs ZIP (base64)',
    status: 201,
    // Checked by the route itself, which answers each field with its 87xx/88xx client code.
    body: z.unknown().describe('{ form, deviceId, username, about, logs: { fileName, base64 } }'),
    response: z.object({ id: z.string() }),
  },
});
