/**
 * The web shell's connector: the ConnectorService. server.ts loads this module once the first
 * window has its state (or something needs the service sooner): these modules (the core, the
 * contract's schemas, the HTTP and OIDC clients) are most of the host's start, and the window
 * paints its sign-in page meanwhile (state-before-core.ts, pending-service.ts).
 */
import { loadOidcClient } from '../connector/auth/sign-in.js';
import { loadHttpClient } from '../connector/cloud-api.js';
import { ConnectorService } from '../connector/host/connector-service.js';
import { IssueReporter } from '../connector/host/issue-reporter.js';
import type { LoginBroker } from '../connector/host/login-broker.js';
import type { SettingsStore } from '../connector/host/settings-store.js';
import type { SecretStore } from '../connector/core/session-store.js';

export interface ConnectorHostOptions {
  appVersion: string;
  userDataDir: string;
  /** The settings, with the cloud given by URL (if any) already stored. */
  settings: SettingsStore;
  secretsFor(cloudKey: string): SecretStore;
  /** The bundled cloud's URL to come and what starts it now (the service needs it), if any. */
  bundledCloud: { url: Promise<string>; startNow: () => void } | null;
  logins: LoginBroker;
  redirectUri: string;
  heartbeatMs?: number;
}

export interface ConnectorHost {
  service: ConnectorService;
  /** Settles when the service is started (its core made, a stored session resumed). */
  started: Promise<void>;
  /** Loads what a first sign-in needs (once a window shows its state, not before). */
  warm(): void;
  close(): Promise<void>;
}

/** Makes and starts the service; resolves once it has a state to show (`showable`). */
export async function startConnectorHost(opts: ConnectorHostOptions): Promise<ConnectorHost> {
  const service = new ConnectorService({
    host: 'web-shell',
    appVersion: opts.appVersion,
    settings: opts.settings,
    bundledCloudUrl: opts.bundledCloud?.url ?? null,
    ...(opts.bundledCloud ? { needBundledCloud: opts.bundledCloud.startNow } : {}),
    browser: opts.logins,
    redirectUri: opts.redirectUri,
    secretsFor: opts.secretsFor,
    issues: new IssueReporter(opts.userDataDir),
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
  });
  const started = service.start();
  started.catch(() => {}); // the caller awaits it
  await service.showable;
  let warm = false;
  return {
    service,
    started,
    warm() {
      if (warm) return;
      warm = true;
      setImmediate(() => void Promise.all([loadHttpClient(), loadOidcClient()]).catch(() => {}));
    },
    close: () => service.dispose(),
  };
}
