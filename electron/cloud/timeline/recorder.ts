import type { AccessDecider } from '../broker/access.js';
import type { PushHub } from '../broker/push-hub.js';
import type { PushMessage } from '../broker/types.js';
import type { Clock } from '../clock/clock.js';
import type { CloudEvents } from '../events.js';
import type { Store, TimelineRecord } from '../store/types.js';
import type { ClientTimelineEvent } from '../../../shared/state/transition-timeline.js';

/** Pushes that say nothing new (traffic figures, state refreshes) are not timeline events. */
const QUIET_PUSHES: ReadonlySet<PushMessage['type']> = new Set(['stats', 'snapshot']);

/**
 * Keeps what no other part of the cloud records, in the timeline's own append-only table:
 * refused sign-ins, policy decisions, pushes sent, policy and certificate changes, and the
 * transitions connectors report. Everything else is read where it is already kept (collectors).
 */
export class TimelineRecorder {
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Subscribes to the cloud's events and the broker's push hub. */
  listen(events: CloudEvents, hub: PushHub): void {
    this.unsubscribe.push(
      events.on('signIn.failed', (e) =>
        this.record({
          userName: e.userName,
          idpId: e.idpId,
          source: 'idp',
          code: e.code,
          text: `Sign-in refused: ${e.message}`,
          error: true,
        }),
      ),
      events.on('idp.certificateRotated', (e) =>
        this.record({
          userName: null,
          idpId: e.idpId,
          source: 'config',
          code: null,
          text: `IdP signing certificate rotated (${e.idpId})`,
          error: false,
        }),
      ),
      events.on('policy.changed', (e) =>
        this.record({
          userName: null,
          idpId: null,
          source: 'config',
          code: null,
          text: `Policy changed (version ${e.version})`,
          error: false,
        }),
      ),
      hub.onSent((sessionId, message) => this.onPush(sessionId, message)),
    );
  }

  /** The decider the broker uses, recording each decision on an app (an `open`). */
  recordingDecider(decider: AccessDecider): AccessDecider {
    return {
      apps: (session) => decider.apps(session),
      version: () => decider.version(),
      decide: (session, request) => {
        const decision = decider.decide(session, request);
        this.record({
          userName: session.userName,
          idpId: session.idpId,
          source: 'policy',
          code: decision.code,
          text: `${request.fqdn}:${request.port}: ${decision.outcome.replace('_', ' ')}: ${decision.message}`,
          error: decision.outcome !== 'allowed' && decision.outcome !== 'bypassed',
        });
        return decision;
      },
    };
  }

  /** Transitions a connector reported, for the user of its session. */
  recordClient(
    session: { userName: string; idpId: string },
    events: readonly ClientTimelineEvent[],
  ): void {
    this.store.timeline.append(
      events.map((e) => ({
        at: Date.parse(e.at),
        userName: session.userName,
        idpId: session.idpId,
        source: 'client' as const,
        code: e.code,
        text: e.text,
        error: e.error,
      })),
    );
  }

  close(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  private onPush(sessionId: string, message: PushMessage) {
    if (QUIET_PUSHES.has(message.type)) return;
    const s = this.store.auth.sessionById(sessionId);
    if (!s) return;
    const { text, code, error } = describePush(message);
    this.record({
      userName: s.userName,
      idpId: s.idpId,
      source: 'broker',
      code,
      text: `Pushed to the connector: ${text}`,
      error,
    });
  }

  private record(r: Omit<TimelineRecord, 'at'>) {
    this.store.timeline.append([{ ...r, at: this.clock.now(), text: r.text.slice(0, 500) }]);
  }
}

/** What a push says, its code, and whether it ends the user's access (an error). */
function describePush(m: PushMessage): { text: string; code: string | null; error: boolean } {
  switch (m.type) {
    case 'sessionRevoked':
    case 'scimUserDisabled':
      return { text: `${m.type}: ${m.reason}`, code: m.code, error: true };
    case 'scimUsernameChanged':
      return { text: `username changed from ${m.from} to ${m.to}`, code: m.code, error: true };
    case 'reauthRequired':
      return { text: `reauthentication required (${m.reason})`, code: null, error: false };
    case 'policyChanged':
      return { text: `policy changed (version ${m.version})`, code: null, error: false };
    case 'connectionClosed':
      return {
        text: `app connection to ${m.connection.app}:${m.connection.port} closed`,
        code: m.connection.closedCode ?? null,
        error: false,
      };
    default:
      return { text: m.type, code: null, error: false };
  }
}
