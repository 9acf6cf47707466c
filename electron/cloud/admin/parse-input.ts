import type { z } from 'zod';
import { AdminError } from './admin-error.js';

/** Parses admin API input with zod; a refusal is a 400 `invalid_request` naming every field at fault. */
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
