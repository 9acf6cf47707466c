/**
 * The store interface the rest of the cloud codes against. The SQLite implementation lives beside
 * it; nothing outside store/ writes SQL.
 */
import type { IdpConfig, IdpChange, IdpViewOnlyField } from '../../../shared/model/idp.js';
import type { ScimSyncLogEntry, DurationBucket } from '../../../shared/model/scim-sync-log.js';
import type {
  AppSegment,
  PolicyRule,
  PolicyRuleByType,
  PolicyType,
  SegmentGroup,
} from '../../../shared/model/policy.js';
import type {
  ClockOffsetStore,
  OidcRecordStore,
  PresenceStore,
  RateLimitStore,
} from './instance-state-types.js';

export type ScimResourceType = 'User' | 'Group';

/** A SCIM resource as stored: attributes without id, meta or computed attributes. */
export interface StoredResource {
  id: string;
  /** userName for users, displayName for groups. */
  name: string;
  externalId: string | null;
  active: boolean;
  version: number;
  created: number;
  lastModified: number;
  attributes: Record<string, unknown>;
}

export interface GroupMember {
  value: string;
  type: 'User' | 'Group';
  display: string | null;
}

export interface StoredIdp {
  config: Omit<IdpConfig, IdpViewOnlyField>;
  scimTokenHash: string | null;
}

export interface SettingsStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /**
   * Sets `key` unless it already holds a non-empty value; true when this call set it. Inside a
   * transaction on PostgreSQL, another instance's claim of the same key waits for this one's
   * commit and then finds it taken: the once-per-database work it guards runs once.
   */
  claim(key: string, value: string): boolean;
}

export interface IdpStore {
  list(): StoredIdp[];
  get(id: string): StoredIdp | undefined;
  insert(idp: StoredIdp): void;
  update(idp: StoredIdp): void;
  remove(id: string): boolean;
  recordChange(change: {
    idpId: string;
    at: number;
    field: string;
    from: unknown;
    to: unknown;
  }): void;
  changes(idpId: string): IdpChange[];
}

/** Thrown by inserts and updates that would break a uniqueness rule (userName per IdP). */
export class UniquenessViolation extends Error {}

export interface ScimStore {
  get(type: ScimResourceType, idpId: string, id: string): StoredResource | undefined;
  /** Case-insensitive userName (User) or displayName (Group) lookup, by index. */
  findByName(type: ScimResourceType, idpId: string, name: string): StoredResource[];
  findByExternalId(type: ScimResourceType, idpId: string, externalId: string): StoredResource[];
  /** Every resource of the IdP in creation order (stable), for filters that need a scan. */
  all(type: ScimResourceType, idpId: string): StoredResource[];
  page(type: ScimResourceType, idpId: string, offset: number, limit: number): StoredResource[];
  count(type: ScimResourceType, idpId: string): number;
  insert(type: ScimResourceType, idpId: string, resource: StoredResource): void;
  update(type: ScimResourceType, idpId: string, resource: StoredResource): void;
  remove(type: ScimResourceType, idpId: string, id: string): boolean;
  members(idpId: string, groupId: string): GroupMember[];
  /** A group's members in order, without their display names (no read of each member). */
  memberRefs(idpId: string, groupId: string): Omit<GroupMember, 'display'>[];
  /**
   * Makes the group's members exactly `members`, in that order. When the members it keeps stay
   * in their order and the new ones follow them (a PATCH add or remove), only the difference is
   * written; otherwise the list is rewritten.
   */
  setMembers(idpId: string, groupId: string, members: readonly GroupMember[]): void;
  groupsOf(idpId: string, memberId: string): { value: string; display: string }[];
  /**
   * For caches of what was read: a stamp that changes with every write to the IdP's SCIM users,
   * groups or memberships (and with any commit of another connection to the same database file);
   * null inside a transaction, whose reads may yet be rolled back.
   */
  readStamp(idpId: string): string | null;
  /**
   * Runs `read` (reads only) as one snapshot: on SQLite one read transaction, so its statements
   * share one lock instead of taking and releasing it each (two system calls a statement).
   */
  snapshot<T>(read: () => T): T;
  /** Ids of groups that list the member, so their versions can be bumped when it goes away. */
  groupIdsOf(idpId: string, memberId: string): string[];
  removeMemberEverywhere(idpId: string, memberId: string): void;
  removeAllOfIdp(idpId: string): void;
}

export interface SyncLogQuery {
  idpId?: string;
  entityType?: string;
  entityName?: string;
  idpEntityId?: string;
  internalEntityId?: string;
  status?: number;
  method?: string;
  duration?: DurationBucket;
  since?: number;
  until?: number;
  limit: number;
  offset: number;
}

export type NewSyncLogEntry = Omit<ScimSyncLogEntry, 'seq' | 'at'> & { at: number };

export interface SyncLogStore {
  append(entries: readonly NewSyncLogEntry[]): void;
  query(q: SyncLogQuery): { total: number; entries: ScimSyncLogEntry[] };
  pruneBefore(at: number): number;
}

// The IdP directories and their SCIM push clients (idp/directory, idp/provisioning).
import type { DirectoryStore } from './directory-types.js';
import type { ProvisioningStore } from './provisioning-types.js';
export type * from './directory-types.js';
export type * from './provisioning-types.js';

/** A connector session as stored; the token itself is never stored, only its hash. */
export interface StoredSession {
  id: string;
  tokenHash: string;
  idpId: string;
  userName: string;
  deviceId: string;
  createdAt: number;
  revokedAt: number | null;
  /** Everything else about the session (protocol, attributes, authTime, scimStatus, ...). */
  doc: Record<string, unknown>;
}

/** Short-lived sign-in state of the cloud as SAML service provider and login-code issuer. */
export interface AuthStore {
  putSamlRequest(r: {
    id: string;
    idpId: string;
    createdAt: number;
    expiresAt: number;
    doc: unknown;
  }): void;
  /** Returns and deletes the request (each AuthnRequest is answered once). */
  takeSamlRequest(
    id: string,
  ): { id: string; idpId: string; createdAt: number; expiresAt: number; doc: unknown } | undefined;
  /** Records an assertion id; false if it was already used (replay). */
  markAssertionUsed(assertionId: string, idpId: string, expiresAt: number): boolean;
  putLoginCode(codeHash: string, expiresAt: number, doc: unknown): void;
  /** Returns and deletes the code (one-time). */
  takeLoginCode(codeHash: string): { expiresAt: number; doc: unknown } | undefined;
  insertSession(s: StoredSession): void;
  sessionByTokenHash(tokenHash: string): StoredSession | undefined;
  sessionById(id: string): StoredSession | undefined;
  sessionsOfUser(idpId: string, userName: string): StoredSession[];
  /**
   * Called inside `Store.transaction`: whether the user has a session not revoked, as it will
   * stand when that transaction commits; undefined where the store cannot promise that (outside
   * a transaction; on PostgreSQL, where another instance may commit a sign-in between this read
   * and the commit). SQLite's store transaction takes the write lock at BEGIN (IMMEDIATE), so no
   * connection can add or revoke a session before it commits.
   */
  liveSessionAtCommit(idpId: string, userName: string): boolean | undefined;
  sessions(filter?: { idpId?: string; includeRevoked?: boolean }): StoredSession[];
  updateSession(s: StoredSession): void;
  /** Drops expired requests, used-assertion records and codes. */
  pruneExpired(now: number): void;
}

/**
 * Signing keys and certificates of the bundled IdPs (idp/saml, idp/oidc), kept across restarts.
 * `kind` names the key's use ('oidc-signing', ...); the doc is the owner's, stored as JSON.
 */
export interface IdpKeyStore {
  get(idpId: string, kind: string): unknown;
  /** Stores doc unless the IdP already has a key of that kind; returns the one stored. */
  putIfAbsent(idpId: string, kind: string, doc: unknown): unknown;
  remove(idpId: string, kind: string): boolean;
}

/**
 * Application segments, segment groups and the ordered policy sets (policy/). Names are unique
 * (case-insensitive) per table and per policy set: writes throw UniquenessViolation.
 */
export interface PolicyStore {
  segmentGroups(): SegmentGroup[];
  segmentGroup(id: string): SegmentGroup | undefined;
  /** Inserts or replaces by id. */
  putSegmentGroup(group: SegmentGroup): void;
  removeSegmentGroup(id: string): boolean;
  segments(): AppSegment[];
  segment(id: string): AppSegment | undefined;
  /** Inserts or replaces by id. */
  putSegment(segment: AppSegment): void;
  removeSegment(id: string): boolean;
  /** A policy set's rules in rule order, ruleOrder 1..n. */
  rules<T extends PolicyType>(type: T): PolicyRuleByType[T][];
  rule<T extends PolicyType>(type: T, id: string): PolicyRuleByType[T] | undefined;
  countRules(type: PolicyType): number;
  /** Inserts at rule.ruleOrder (1..n+1), moving the rules from there on down by one. */
  insertRule(type: PolicyType, rule: PolicyRule): void;
  /** Replaces the rule's document; its position is kept (ruleOrder is ignored). */
  updateRule(type: PolicyType, rule: PolicyRule): void;
  /** Removes the rule and closes the gap. */
  removeRule(type: PolicyType, id: string): boolean;
  /** Sets the order to exactly this list, which holds every rule id of the set once. */
  reorder(type: PolicyType, ids: readonly string[]): void;
  /** Bumped by every policy change; keys the compiled-policy cache. */
  version(): number;
  /**
   * Adds one to the version in one statement and returns it. Inside a transaction it also holds
   * the policy write lock until the end (PostgreSQL: the version row stays locked; SQLite's
   * writer is single anyway), so a change that bumps first reads what the last one wrote.
   */
  bumpVersion(): number;
}

/** "Report an Issue" reports, as the support admin reads them. */
export interface IssueReportStore {
  insert(r: {
    id: string;
    createdAt: number;
    userName: string | null;
    doc: unknown;
    logs: Buffer | null;
  }): void;
  list(
    limit: number,
    offset: number,
  ): {
    total: number;
    reports: {
      id: string;
      createdAt: number;
      userName: string | null;
      doc: unknown;
      logsBytes: number;
    }[];
  };
  logs(id: string): Buffer | undefined;
}

/** One record of the timeline's own table (timeline/recorder.ts writes, timeline/ reads). */
export interface TimelineRecord {
  at: number;
  /** The user it concerns; null: every user (of idpId when set). */
  userName: string | null;
  idpId: string | null;
  source: 'idp' | 'scim' | 'config' | 'policy' | 'broker' | 'client';
  code: string | null;
  text: string;
  error: boolean;
}

export interface TimelineStore {
  /** Held for a moment and written with the next ones (one transaction for a burst). */
  append(records: readonly TimelineRecord[]): void;
  /** Writes what append() holds: before a request that handed records in is answered. */
  flush(): void;
  /** Whether any record names this user. */
  knowsUser(userName: string): boolean;
  /** The user's records and those for everyone (of these IdPs), oldest first, at most `limit` (the newest). */
  forUser(q: {
    userName: string;
    idpIds: readonly string[];
    since: number;
    until: number;
    limit: number;
  }): TimelineRecord[];
}

/** Imported Export Logs ZIPs (diagnostics/), the answer kept as a JSON document. */
export interface DiagnosticsStore {
  insert(r: { id: string; createdAt: number; doc: unknown }): void;
  get(id: string): unknown;
}

/** A peer message's limit: PostgreSQL's NOTIFY takes under 8000 bytes, topic included. */
export const MAX_PEER_MESSAGE_BYTES = 7900;

/** What one instance tells the others on the same database (each topic has one owner). */
export type PeerTopic = 'idp' | 'scim' | 'policy' | 'broker';

/**
 * The other cloud instances on the same database: PostgreSQL's LISTEN/NOTIFY (postgres/
 * pg-peers.ts). With SQLite there are none (no-peers.ts): publish goes nowhere, nothing arrives.
 * Messages are small (ids and kinds, under PostgreSQL's 8000 bytes): a receiver reads the rest.
 */
export interface PeerChannel {
  /** Tells the others; inside a transaction at its commit, and not at all if it rolls back. */
  publish(topic: PeerTopic, message: string): void;
  /** Calls listener with what another instance published; returns the unsubscribe. */
  on(topic: PeerTopic, listener: (message: string) => void): () => void;
  /** False while messages may be missed (the listening connection is down): cache nothing. */
  readonly inSync: boolean;
  /** Calls listener when messages may have been missed: drop everything kept. */
  onResync(listener: () => void): () => void;
}

export interface Store {
  settings: SettingsStore;
  timeline: TimelineStore;
  diagnostics: DiagnosticsStore;
  issues: IssueReportStore;
  auth: AuthStore;
  idpKeys: IdpKeyStore;
  idps: IdpStore;
  scim: ScimStore;
  syncLog: SyncLogStore;
  directory: DirectoryStore;
  provisioning: ProvisioningStore;
  policy: PolicyStore;
  /** The other instances on this database (none with SQLite). */
  peers: PeerChannel;
  /** State several instances share (instance-state-types.ts). */
  clock: ClockOffsetStore;
  rateLimits: RateLimitStore;
  oidc: OidcRecordStore;
  presence: PresenceStore;
  /** Runs fn atomically: all of its writes land, or none do. */
  transaction<T>(fn: () => T): T;
  close(): Promise<void>;
}
