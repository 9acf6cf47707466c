import { CODES } from '../../shared/errors/codes.js';

/** A failure the connector reports with a code the UI and the command line can look up. */
export class ConnectorError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Any failure as a ConnectorError: one of ours keeps its code, anything else is INTERNAL. */
export const toConnectorError = (e: unknown): ConnectorError =>
  e instanceof ConnectorError ? e : new ConnectorError(CODES.INTERNAL, String(e));
