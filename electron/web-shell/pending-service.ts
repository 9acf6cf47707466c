/**
 * What a window's bridge talks to while the web shell loads the connector service: the state
 * before the core (state-before-core.ts) at once, in its first frame and to getSnapshot, so the
 * window paints its sign-in page without waiting for the service's modules; other calls wait for
 * the service. Once the service is there,
 * every subscription moves to it and each window gets the service's state.
 */
import type {
  CallResult,
  ConnectorEventName,
  EventPayloads,
} from '../../shared/contract/connector-names.js';
import { CODES } from '../../shared/errors/codes.js';
import type { BridgeService } from './bridge.js';

interface Subscription {
  event: ConnectorEventName;
  listener: (payload: never) => void;
  /** Its subscription on the service, once there. */
  off: (() => void) | null;
}

export class PendingService implements BridgeService {
  private service: BridgeService | null = null;
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly before: EventPayloads['state'],
    /** The service once loaded (rejects when it could not start). */
    private readonly loaded: Promise<BridgeService>,
  ) {
    loaded.then(
      (service) => this.attach(service),
      () => {},
    );
  }

  snapshot(): EventPayloads['state'] {
    return this.service ? this.service.snapshot() : this.before;
  }

  async call(call: unknown, input?: unknown): Promise<CallResult<unknown>> {
    if (this.service) return this.service.call(call, input);
    // The state does not wait, as with the service (a window that subscribed after the state
    // frame came asks for it); with an input, the service validates it.
    if (call === 'getSnapshot' && input === undefined) return { ok: true, value: this.before };
    try {
      return await (await this.loaded).call(call, input);
    } catch (e) {
      // The service could not start (the web shell stops): the call still gets its envelope.
      return { ok: false, error: { code: CODES.INTERNAL, message: (e as Error).message } };
    }
  }

  subscribe<E extends ConnectorEventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void {
    if (this.service) return this.service.subscribe(event, listener);
    const sub: Subscription = { event, listener, off: null };
    this.subscriptions.add(sub);
    return () => {
      this.subscriptions.delete(sub);
      sub.off?.();
    };
  }

  private attach(service: BridgeService) {
    this.service = service;
    for (const sub of this.subscriptions) {
      sub.off = service.subscribe(sub.event, sub.listener as (payload: unknown) => void);
    }
    // Whatever the service's state became while it loaded, the windows hear it now (a service
    // with nothing to show yet, its bundled cloud failing, sends its state when it has one).
    let state: EventPayloads['state'];
    try {
      state = service.snapshot();
    } catch {
      return;
    }
    for (const sub of this.subscriptions) {
      if (sub.event === 'state') (sub.listener as (s: EventPayloads['state']) => void)(state);
    }
  }
}
