/**
 * "Open this URL in a browser and give me the redirect." Sign-in flows (SAML via the cloud, OIDC
 * with a loopback redirect) only need this, so the Electron login window, a popup in the web
 * shell, an automated test browser and the command line's form filler can all drive them.
 */
export interface BrowserPort {
  /**
   * Opens `url` and follows the user's sign-in until the browser is sent to a URL starting with
   * `redirectPrefix`; resolves with that URL (which carries code/state or error). Rejects if the
   * user closes the window or `signal` aborts. `state`, when given, is the one the redirect must
   * carry: a redirect with another state is not this sign-in's answer (a third party may load the
   * redirect URL) and a host that can tell should refuse it and keep waiting.
   */
  authorize(
    url: string,
    redirectPrefix: string,
    signal?: AbortSignal,
    state?: string,
  ): Promise<URL>;
}

/** The loopback redirect URI (RFC 8252 §7.3): part of the cloud API contract. */
export { LOOPBACK_REDIRECT } from '../../shared/contract/cloud-api/connector.js';
