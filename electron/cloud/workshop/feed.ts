/**
 * The trainer's live view, pushed: each subscriber (a Server-Sent Events stream) gets every row
 * first, then each row that changed. Rows are recomputed when something happens in that tenant
 * (sign-in, IdP or SCIM change, policy change, a scenario step, its clock), and after a cheap sweep while anyone
 * watches notices what raises no cloud event: a tenant's number of open push channels changed.
 * Only rows that differ from what was last sent go out.
 */
import type { z } from 'zod';
import type { workshopFeedMessage } from '../../../shared/contract/cloud-api/workshop.js';
import { attendeeStatusOf, type AttendeeStatus } from './status.js';
import type { AttendeeTenant } from './tenant.js';

export type FeedMessage = z.output<typeof workshopFeedMessage>;
type Subscriber = (message: FeedMessage) => void;

/** Changes within this window go out together (a fan-out to 100 tenants is one burst). */
const FLUSH_MS = 50;
const SWEEP_MS = 1000;

export class WorkshopFeed {
  private readonly subscribers = new Set<Subscriber>();
  private readonly lastSent = new Map<number, string>();
  private readonly dirty = new Set<number>();
  /** Open push channels per tenant at the last sweep. */
  private readonly channels = new Map<number, number>();
  private readonly unsubscribe: (() => void)[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly tenants: readonly AttendeeTenant[]) {
    for (const t of tenants) {
      const mark = () => this.markDirty(t.attendee);
      const { events, clock } = t.cloud;
      this.unsubscribe.push(
        events.on('session.created', mark),
        events.on('idp.changed', mark),
        events.on('scim.changed', mark),
        events.on('policy.changed', mark),
        events.on('scenario.changed', mark),
        clock.onAdvance(mark),
      );
    }
  }

  /** Every row, now. */
  rows(): AttendeeStatus[] {
    return this.tenants.map((t) => attendeeStatusOf(t));
  }

  /** Sends the snapshot at once, then changed rows; returns the unsubscribe function. */
  subscribe(send: Subscriber): () => void {
    const rows = this.rows();
    // Those already watching get what changed since their last message first.
    for (const r of rows) this.publish(r);
    send({ type: 'snapshot', attendees: rows });
    this.subscribers.add(send);
    this.sweepTimer ??= setInterval(() => this.sweep(), SWEEP_MS);
    return () => {
      this.subscribers.delete(send);
      if (this.subscribers.size === 0) {
        clearInterval(this.sweepTimer);
        this.sweepTimer = undefined;
      }
    };
  }

  markDirty(attendee: number): void {
    if (this.subscribers.size === 0) return;
    this.dirty.add(attendee);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  stop(): void {
    clearTimeout(this.flushTimer);
    clearInterval(this.sweepTimer);
    for (const u of this.unsubscribe) u();
    this.subscribers.clear();
  }

  private sweep(): void {
    for (const t of this.tenants) {
      const open = t.cloud.broker.hub.connectedSessions().length;
      if (this.channels.get(t.attendee) === open) continue;
      this.channels.set(t.attendee, open);
      this.markDirty(t.attendee);
    }
  }

  private flush(): void {
    this.flushTimer = undefined;
    const byNumber = new Map(this.tenants.map((t) => [t.attendee, t]));
    for (const k of this.dirty) {
      const tenant = byNumber.get(k);
      if (!tenant) continue;
      this.publish(attendeeStatusOf(tenant));
    }
    this.dirty.clear();
  }

  /** Sends a row to every subscriber unless it is what they were last sent. */
  private publish(status: AttendeeStatus): void {
    const text = JSON.stringify(status);
    if (this.lastSent.get(status.attendee) === text) return;
    this.lastSent.set(status.attendee, text);
    for (const send of this.subscribers) send({ type: 'attendee', status });
  }
}
