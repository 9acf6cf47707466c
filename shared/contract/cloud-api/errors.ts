/** The error body every non-SCIM route of the cloud answers with. */
import { z } from '../zod.js';

export const errorBody = z.object({
  error: z.object({
    /** A catalog code (shared/errors) on connector routes, a snake_case code on admin routes. */
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** One refused field, as the `details` of a 400 `invalid_request`. */
export interface InputIssue {
  field: string;
  message: string;
}
