/**
 * The web shell's connector: the ConnectorService and the WebSocket bridges that serve it to
 * windows. server.ts loads this module once it listens: these modules (the core, the contract's
 * schemas, the HTTP and OIDC clients, ws) are most of the host's start, and the window's page
 * loads meanwhile.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { loadOidcClient } from '../connector/auth/sign-in.js';
import { loadHttpClient } from '../connector/cloud-api.js';
import { ConnectorService } from '../connector/host/connector-service.js';
import { FileSecretStore, secretFileFor } from '../connector/host/file-secret-store.js';
import { IssueReporter } from '../connector/host/issue-reporter.js';
import type { LoginBroker } from '../connector/host/login-broker.js';
import { SettingsStore } from '../connector/host/settings-store.js';
import { serveBridge } from './bridge.js';

export interface ConnectorHostOptions {
  appVersion: string;
  userDataDir: string;
  /**
   * A cloud given by URL (stored in the settings), or the bundled one's URL to come and what
   * starts it now (the service needs it: cloud-start.ts).
   */
  cloud: { url: string } | { bundled: Promise<string>; startNow: () => void };
  logins: LoginBroker;
  redirectUri: string;
  heartbeatMs?: number;
  /** A window's bridge opened and was sent the state (its first paint follows). */
  onWindowState?: () => void;
}

export interface ConnectorHost {
  service: ConnectorService;
  /** Settles when the service is started (its core made, a stored session resumed). */
  started: Promise<void>;
  /** Hands an accepted upgrade request to a new bridge. */
  bridge(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** Makes and starts the service; resolves once it has a state to show (`showable`). */
export async function startConnectorHost(opts: ConnectorHostOptions): Promise<ConnectorHost> {
  const settings = new SettingsStore(opts.userDataDir);
  if ('url' in opts.cloud) await settings.update({ cloudUrl: opts.cloud.url.replace(/\/+$/, '') });
  const service = new ConnectorService({
    host: 'web-shell',
    appVersion: opts.appVersion,
    settings,
    bundledCloudUrl: 'bundled' in opts.cloud ? opts.cloud.bundled : null,
    ...('bundled' in opts.cloud ? { needBundledCloud: opts.cloud.startNow } : {}),
    browser: opts.logins,
    redirectUri: opts.redirectUri,
    secretsFor: (key) => new FileSecretStore(secretFileFor(opts.userDataDir, key)),
    issues: new IssueReporter(opts.userDataDir),
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
  });
  const started = service.start();
  started.catch(() => {}); // the caller awaits it
  await service.showable;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let warm = false;
  return {
    service,
    started,
    bridge(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        serveBridge(ws, service);
        opts.onWindowState?.();
        // The window has its state: now load what its first sign-in needs, not before.
        if (warm) return;
        warm = true;
        setImmediate(() => void Promise.all([loadHttpClient(), loadOidcClient()]).catch(() => {}));
      });
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await service.dispose();
    },
  };
}
