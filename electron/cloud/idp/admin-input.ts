/** Input validation shared by the directory and provisioning admin routes. */
import type { z } from 'zod';
import { AdminError } from '../admin/admin-error.js';
import type { CloudContext } from '../context.js';

/** Parses with zod; a refusal is a 400 `invalid_request` naming every field at fault. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({
    field: i.path.join('.') || '(body)',
    message: i.message,
  }));
  throw new AdminError(
    400,
    'invalid_request',
    issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    issues,
  );
}

/** The admin plugins take the cloud context itself or `{ ctx }` as their Fastify options. */
export type ContextOptions = CloudContext | { ctx: CloudContext };

export const contextOf = (opts: ContextOptions): CloudContext => ('ctx' in opts ? opts.ctx : opts);
