/**
 * A refused sign-in, carrying the code the real client shows (ZPA 42xxx codes, see
 * shared/errors/auth-codes.ts) so the connector can show the same title and remedy.
 */
export class AuthError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
  ) {
    super(message);
  }

  toBody() {
    return { error: { code: this.code, message: this.message } };
  }
}
