/**
 * Schema migrations, applied in order and tracked in PRAGMA user_version. Append only: a released
 * migration is never edited, so every existing database upgrades the same way.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: settings, IdP configurations and their change history, the SCIM database, the sync log.
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE idps (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc TEXT NOT NULL,
    scim_token_hash TEXT
  );

  CREATE TABLE idp_changes (
    seq INTEGER PRIMARY KEY,
    idp_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
  );
  CREATE INDEX idp_changes_by_idp ON idp_changes (idp_id, field, at);

  CREATE TABLE scim_users (
    seq INTEGER PRIMARY KEY,
    idp_id TEXT NOT NULL,
    id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    user_name_lc TEXT NOT NULL,
    external_id TEXT,
    active INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created INTEGER NOT NULL,
    last_modified INTEGER NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (idp_id, id),
    UNIQUE (idp_id, user_name_lc)
  );
  CREATE INDEX scim_users_by_external_id ON scim_users (idp_id, external_id);

  CREATE TABLE scim_groups (
    seq INTEGER PRIMARY KEY,
    idp_id TEXT NOT NULL,
    id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    display_name_lc TEXT NOT NULL,
    external_id TEXT,
    version INTEGER NOT NULL,
    created INTEGER NOT NULL,
    last_modified INTEGER NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (idp_id, id)
  );
  CREATE INDEX scim_groups_by_name ON scim_groups (idp_id, display_name_lc);
  CREATE INDEX scim_groups_by_external_id ON scim_groups (idp_id, external_id);

  CREATE TABLE scim_members (
    seq INTEGER PRIMARY KEY,
    idp_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    member_type TEXT NOT NULL,
    UNIQUE (idp_id, group_id, member_id)
  );
  CREATE INDEX scim_members_by_member ON scim_members (idp_id, member_id);

  CREATE TABLE scim_sync_log (
    seq INTEGER PRIMARY KEY,
    idp_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_name TEXT,
    idp_entity_id TEXT,
    internal_entity_id TEXT,
    status INTEGER NOT NULL,
    duration_ms REAL NOT NULL,
    user_agent TEXT,
    scim_type TEXT,
    detail TEXT,
    request TEXT
  );
  CREATE INDEX scim_sync_log_by_idp ON scim_sync_log (idp_id, at);

  CREATE TABLE directory_users (
    seq INTEGER PRIMARY KEY,
    idp_id TEXT NOT NULL,
    id TEXT NOT NULL,
    user_name_lc TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (idp_id, id),
    UNIQUE (idp_id, user_name_lc)
  );
  `,
  // 2: identity. The IdPs' own directories and provisioning (SCIM push) state, their keys, and
  // the cloud's service-provider side: SAML requests, used assertions, one-time login codes and
  // connector sessions. Each block belongs to one module; see the comment above it.
  `
  -- idp/directory: groups and memberships (directory_users comes from migration 1).
  CREATE TABLE directory_groups (
    seq INTEGER PRIMARY KEY,
    idp_id TEXT NOT NULL,
    id TEXT NOT NULL,
    name_lc TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (idp_id, id),
    UNIQUE (idp_id, name_lc)
  );
  CREATE TABLE directory_memberships (
    idp_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (idp_id, group_id, user_id)
  );
  CREATE INDEX directory_memberships_by_user ON directory_memberships (idp_id, user_id);

  -- idp/provisioning: per-IdP push configuration and vendor state, per-object push state, log.
  CREATE TABLE provisioning (idp_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE provisioning_objects (
    idp_id TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (idp_id, object_type, object_id)
  );
  CREATE TABLE provisioning_log (
    seq INTEGER PRIMARY KEY,
    idp_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX provisioning_log_by_idp ON provisioning_log (idp_id, seq);

  -- idp/saml, idp/oidc: signing keys and certificates, kept across restarts.
  CREATE TABLE idp_keys (
    idp_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (idp_id, kind)
  );

  -- auth (the cloud as SP): AuthnRequests awaiting a response, assertions already used.
  CREATE TABLE saml_requests (
    id TEXT PRIMARY KEY,
    idp_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE TABLE saml_used_assertions (
    assertion_id TEXT PRIMARY KEY,
    idp_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );

  -- auth: one-time login codes and connector sessions (tokens stored as hashes).
  CREATE TABLE login_codes (
    code_hash TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE TABLE connector_sessions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,
    idp_id TEXT NOT NULL,
    user_name_lc TEXT NOT NULL,
    device_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    doc TEXT NOT NULL
  );
  CREATE INDEX connector_sessions_by_user ON connector_sessions (idp_id, user_name_lc);
  `,
  // 3: policy (electron/cloud/policy): segment groups, application segments, the ordered policy
  // sets (access, forwarding, timeout; rule_order 1..n per set) and the policy version.
  `
  CREATE TABLE policy_segment_groups (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name_lc TEXT NOT NULL UNIQUE,
    doc TEXT NOT NULL
  );
  CREATE TABLE policy_segments (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name_lc TEXT NOT NULL UNIQUE,
    segment_group_id TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX policy_segments_by_group ON policy_segments (segment_group_id);
  CREATE TABLE policy_rules (
    seq INTEGER PRIMARY KEY,
    policy_type TEXT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    name_lc TEXT NOT NULL,
    rule_order INTEGER NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (policy_type, name_lc)
  );
  CREATE INDEX policy_rules_by_order ON policy_rules (policy_type, rule_order);
  CREATE TABLE policy_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // 4: "Report an Issue" reports from connectors (form, device, about, the redacted logs ZIP).
  `
  CREATE TABLE issue_reports (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    user_name TEXT,
    doc TEXT NOT NULL,
    logs BLOB
  );
  `,
  // 5: the timeline's own records (electron/cloud/timeline): what no other table keeps, such as
  // sign-in failures, policy decisions, pushes sent, policy and certificate changes, and the
  // transitions connectors report. Append only. user_name_lc null: it concerns every user (of
  // idp_id when set, of the tenant otherwise).
  `
  CREATE TABLE timeline_events (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_name_lc TEXT,
    idp_id TEXT,
    source TEXT NOT NULL,
    code TEXT,
    text TEXT NOT NULL,
    error INTEGER NOT NULL
  );
  CREATE INDEX timeline_events_by_user ON timeline_events (user_name_lc, at);
  CREATE INDEX timeline_events_by_at ON timeline_events (at);

  -- diagnostics/: imported Export Logs ZIPs, as answered when imported (the ZIP is not kept).
  CREATE TABLE diagnostics_imports (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  `,
  // 6: which instance is pushing which queued provisioning item (several instances on one
  // database claim each item once; idp/provisioning/provisioning-service.ts takeQueue).
  `
  CREATE TABLE provisioning_claims (
    idp_id TEXT NOT NULL,
    item TEXT NOT NULL,
    claimed_by TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (idp_id, item)
  );
  `,
  // 7: state that several cloud instances on one database share (issue 13): the simulated
  // clock's offset (one row), the SCIM rate-limit bucket of each IdP, and oidc-provider's records
  // (sessions, interactions, codes, grants) of each bundled OIDC IdP. doc is the payload (JSON);
  // expires_at null never expires; uid, user_code and grant_id are the payload's lookup keys;
  // consumed (seconds) is set once, by one statement, whichever instance redeems the code.
  `
  CREATE TABLE clock_offset (id INTEGER PRIMARY KEY CHECK (id = 1), offset_ms INTEGER NOT NULL);
  INSERT INTO clock_offset (id, offset_ms) VALUES (1, 0);
  CREATE TABLE scim_rate_buckets (
    idp_id TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    at INTEGER NOT NULL,
    granted INTEGER NOT NULL
  );
  CREATE TABLE oidc_records (
    idp_id TEXT NOT NULL,
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    doc TEXT NOT NULL,
    expires_at INTEGER,
    uid TEXT,
    user_code TEXT,
    grant_id TEXT,
    consumed INTEGER,
    PRIMARY KEY (idp_id, model, id)
  );
  CREATE INDEX oidc_records_by_uid ON oidc_records (idp_id, uid);
  CREATE INDEX oidc_records_by_user_code ON oidc_records (idp_id, user_code);
  CREATE INDEX oidc_records_by_grant ON oidc_records (idp_id, grant_id);
  CREATE INDEX oidc_records_by_expiry ON oidc_records (expires_at);
  `,
  // 8: which connector sessions are on which instance's push channel (broker/presence.ts), so
  // every instance's admin list shows them connected. expires_at (wall-clock ms) is pushed on by
  // the holding instance's heartbeat: the rows of an instance that died lapse.
  `
  CREATE TABLE push_presence (
    session_id TEXT NOT NULL,
    instance TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, instance)
  );
  CREATE INDEX push_presence_by_instance ON push_presence (instance);
  `,
];

/**
 * What PostgreSQL runs after a migration of the list above (translated by
 * postgres/dialect.ts), for what SQLite has built in. Keyed by migration number (1-based).
 */
export const POSTGRES_AFTER: Readonly<Record<number, string>> = {
  // The stores list memberships and push objects in insertion order, SQLite's rowid.
  2: `
  ALTER TABLE directory_memberships ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
  ALTER TABLE provisioning_objects ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
  `,
};
