/** A failure the connector reports with a code the UI and the command line can look up. */
export class ConnectorError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
