/**
 * What domain code throws when it refuses something. It knows nothing of HTTP: the cloud's
 * error handlers (http/admin-scope.ts, auth/auth-error.ts) map each kind to a status once.
 */
import type { InputIssue } from '../../shared/contract/cloud-api/errors.js';

export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** A stable snake_case code clients can branch on (`not_found`, `in_use`, ...). */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The input is wrong in itself or refers to something that cannot be used. */
export class InvalidError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('invalid', code, message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('not_found', code, message, details);
  }
}

/** The request is well formed but clashes with the current state. */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('conflict', code, message, details);
  }
}

/** Input that does not match its schema: every field at fault, in order. */
export class InvalidInputError extends InvalidError {
  constructor(readonly issues: InputIssue[]) {
    super('invalid_request', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  }
}

/** The HTTP status of each kind. */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
};
