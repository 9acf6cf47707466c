/**
 * The users' Client Connectors in a scenario: the real connector core (the one the app, the web
 * shell and the command line host), signing in through the bundled IdP's login form over HTTP,
 * with the push channel, heartbeats and timers of the real client.
 */
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot.js';
import { ConnectorCore } from '../../connector/core/connector-core.js';
import { MemorySecretStore } from '../../connector/core/session-store.js';
import { snapshotWhere } from '../../connector/core/snapshot-where.js';
import { HttpFormBrowser } from '../../connector/http-browser.js';
import { DEMO_PASSWORD } from '../seed/demo-tenant.js';
import { describeExpected, describeShown, showsExpected } from './labels.js';
import type { ClientExpectation } from './schema.js';

/** How long a client may take to show an expected state (push, reconnect, sign-in). */
const SETTLE_MS = 20_000;

export class ScenarioClients {
  private readonly cores = new Map<string, ConnectorCore>();

  constructor(private readonly cloudUrl: string) {}

  /** The user's connector, created on first use (one device per user). */
  of(userName: string): ConnectorCore {
    let core = this.cores.get(userName);
    if (!core) {
      core = new ConnectorCore({
        cloudUrl: this.cloudUrl,
        deviceId: `scenario-${userName}`,
        browser: new HttpFormBrowser({ username: userName, password: DEMO_PASSWORD }),
        secrets: new MemorySecretStore(),
        heartbeatMs: 60_000,
      });
      this.cores.set(userName, core);
    }
    return core;
  }

  /** Resolves once the client shows `expect`; throws with what it shows instead. */
  async expect(userName: string, expect: ClientExpectation): Promise<string> {
    const core = this.of(userName);
    const s = await snapshotWhere(core, (snap) => showsExpected(snap, expect), SETTLE_MS).catch(
      (last: ConnectorSnapshot) => {
        throw new Error(
          `expected ${describeExpected(expect)}; the client shows ${describeShown(last)}`,
        );
      },
    );
    if (expect.app) {
      const { decision } = await core.openApp(expect.app.app, expect.app.port);
      const ok =
        decision.outcome === expect.app.outcome &&
        (expect.app.code === undefined || decision.code === expect.app.code);
      const seen = `${expect.app.app}:${expect.app.port} ${decision.outcome} (${decision.code})`;
      if (!ok)
        throw new Error(
          `expected ${expect.app.outcome} (${expect.app.code ?? 'any code'}); got ${seen}`,
        );
      return `${describeShown(s)}; ${seen}`;
    }
    return describeShown(s);
  }

  /** Resolves once the client is settled after a sign-in (not mid sign-in or connecting). */
  settled(userName: string): Promise<ConnectorSnapshot> {
    return snapshotWhere(
      this.of(userName),
      (s) =>
        s.auth.status !== 'authenticating' &&
        s.service.status !== 'connecting' &&
        s.service.status !== 'disconnecting',
      SETTLE_MS,
    );
  }

  /** Resolves once the client shows the Sign In page (after Log Out). */
  signedOut(userName: string): Promise<ConnectorSnapshot> {
    return snapshotWhere(this.of(userName), (s) => s.auth.status === 'unauthenticated', SETTLE_MS);
  }

  dispose(): void {
    for (const core of this.cores.values()) core.dispose();
    this.cores.clear();
  }
}
