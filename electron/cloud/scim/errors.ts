/**
 * SCIM 2.0 error responses (RFC 7644 §3.12). Every refusal in the SCIM core is a ScimError, so the
 * HTTP layer can turn any of them into the standard error body without knowing where it came from.
 */

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The "scimType" codes of RFC 7644 §3.12, Table 9. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  constructor(
    public status: number,
    detail: string,
    public scimType?: ScimType,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  /** The human-readable "detail" member of the error body (same text as `message`). */
  get detail(): string {
    return this.message;
  }
}

export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  /** RFC 7644 §3.12: the HTTP status code, as a JSON string. */
  status: string;
  scimType?: ScimType;
  detail: string;
}

export function scimErrorBody(e: ScimError): ScimErrorBody {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(e.status),
    ...(e.scimType !== undefined ? { scimType: e.scimType } : {}),
    detail: e.message,
  };
}

/** Shorthand for the many 400s of the core: `badRequest('invalidValue', '...')`. */
export function badRequest(scimType: ScimType, detail: string): ScimError {
  return new ScimError(400, detail, scimType);
}
