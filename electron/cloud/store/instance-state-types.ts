/**
 * State that lived in each cloud process and moved to the store, so that several instances on
 * one PostgreSQL database share it (issue 13): the simulated clock, SCIM rate limits, the
 * bundled OIDC IdPs' oidc-provider records, and which connectors are on a push channel.
 */

/** The simulated clock's offset from real time (clock/clock.ts), one per tenant (store). */
export interface ClockOffsetStore {
  get(): number;
  set(offsetMs: number): void;
  /**
   * Adds ms to the offset in one statement, unless real time plus the new offset would pass
   * maxNowMs; returns the new offset, or undefined when it would.
   */
  add(ms: number, realNowMs: number, maxNowMs: number): number | undefined;
}

/** Token buckets per key (an IdP), refilled with wall-clock time; one atomic statement a take. */
export interface RateLimitStore {
  /**
   * Refills the key's bucket (capacity `perSecond`) for the time since its last take, then takes
   * one token if there is one. Returns whether it took one, and the tokens left.
   */
  take(key: string, perSecond: number, nowMs: number): { granted: boolean; tokens: number };
}

/** One oidc-provider record (oidc-provider's AdapterPayload as JSON) of one model of one IdP. */
export interface OidcRecord {
  doc: string;
  /** ms since the epoch on the cloud's clock; null: kept until destroyed. */
  expiresAt: number | null;
}

export interface FoundOidcRecord {
  doc: string;
  /** When it was consumed (seconds), or null. */
  consumed: number | null;
}

export interface OidcRecordStore {
  upsert(
    idpId: string,
    model: string,
    id: string,
    record: OidcRecord & { uid?: string; userCode?: string; grantId?: string },
  ): void;
  find(idpId: string, model: string, id: string, nowMs: number): FoundOidcRecord | undefined;
  findBy(
    idpId: string,
    model: string,
    key: 'uid' | 'userCode',
    value: string,
    nowMs: number,
  ): FoundOidcRecord | undefined;
  /** Marks the record consumed (seconds since the epoch), once: a second call changes nothing. */
  consume(idpId: string, model: string, id: string, consumedAtS: number): void;
  destroy(idpId: string, model: string, id: string): void;
  revokeByGrantId(idpId: string, grantId: string): void;
  /** Every record of the IdP (when it is deleted). */
  removeIdp(idpId: string): void;
  pruneExpired(nowMs: number): void;
}

/**
 * Which connector sessions are on a push channel, and of which instance (broker/presence.ts).
 * Times are wall-clock ms: a row not renewed by `expiresAt` no longer counts.
 */
export interface PresenceStore {
  /** The session's connector is on `instance`'s push channel. */
  attached(sessionId: string, instance: string, expiresAt: number): void;
  /** It left that channel. */
  detached(sessionId: string, instance: string): void;
  /**
   * The instance's heartbeat: keeps its sessions present until `expiresAt`, and forgets the rows
   * that lapsed by `now` (of an instance that died).
   */
  renew(instance: string, now: number, expiresAt: number): void;
  /** The instance stops: none of its sessions is present any more. */
  clear(instance: string): void;
  /** The sessions present on some instance at `now`, once each. */
  connected(now: number): string[];
}
