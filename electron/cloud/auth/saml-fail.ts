/** How a SAML response check fails: an AuthError with its catalog code (shared/errors). */
import { AuthError } from './auth-error.js';

export const fail = (code: string, message: string): never => {
  throw new AuthError(code, message);
};

export const iso = (ms: number) => new Date(ms).toISOString();
