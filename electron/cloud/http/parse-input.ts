import type { z } from 'zod';
import { InvalidInputError } from '../domain-errors.js';

/** Parses input with zod; a refusal is an InvalidInputError naming every field at fault. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  whole = '(body)',
): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw new InvalidInputError(
    r.error.issues.map((i) => ({ field: i.path.join('.') || whole, message: i.message })),
  );
}
