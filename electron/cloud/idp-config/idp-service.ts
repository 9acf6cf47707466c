import { randomInt } from 'node:crypto';
import type { IdpConfig } from '../../../shared/model/idp.js';
import {
  createIdpSchema,
  editableIdpFields,
  patchIdpSchema,
  SCIM_POLICY_GUIDANCE,
  zpaNamesOf,
} from '../../../shared/contract/cloud-api/idp-input.js';
import { isoTime, type Clock } from '../clock/clock.js';
import type { CloudEvents } from '../events.js';
import { hashToken, newToken, tokenMatches } from '../security/tokens.js';
import type { Store, StoredIdp } from '../store/types.js';
import { NotFoundError, ConflictError, InvalidError } from '../domain-errors.js';
import { parseInput } from '../http/parse-input.js';

/** ZPA-style 18-digit numeric ids. */
const newIdpId = (): string =>
  `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e8)).padStart(8, '0')}`;

/**
 * IdP configuration as in Administration > Identity > Private Access > IdP Configuration:
 * SCIM Sync, the SCIM endpoint, Generate New Token (shown once), SCIM Attributes for Policy.
 * Every field change is recorded with its time.
 */
export class IdpService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly events: CloudEvents,
    private readonly scimEndpointOf: (idpId: string) => string,
  ) {}

  private view(stored: StoredIdp): IdpConfig {
    // Records written before these fields existed read with their defaults.
    const config: StoredIdp['config'] = { ...RECORD_DEFAULTS, ...stored.config };
    return {
      ...config,
      scimEndpoint: this.scimEndpointOf(config.id),
      scimTokenSet: stored.scimTokenHash !== null,
      scimPolicyEffectiveAt: scimPolicyEffectiveAt(config),
      scimPolicyGuidance: SCIM_POLICY_GUIDANCE,
      ...zpaNamesOf(config),
    };
  }

  private require(id: string): StoredIdp {
    const idp = this.store.idps.get(id);
    if (!idp) throw new NotFoundError('not_found', `No IdP configuration with id ${id}.`);
    return idp;
  }

  list(): IdpConfig[] {
    return this.store.idps.list().map((i) => this.view(i));
  }

  get(id: string): IdpConfig {
    return this.view(this.require(id));
  }

  /** The stored record, including the token hash: for the SCIM service's checks only. */
  stored(id: string): StoredIdp | undefined {
    return this.store.idps.get(id);
  }

  create(body: unknown): IdpConfig {
    const input = parseInput(createIdpSchema, body);
    if (input.scimAttributesForPolicy && !input.scimSyncEnabled) {
      throw scimPolicyWithoutSync();
    }
    this.assertNameFree(input.name);
    const now = this.clock.now();
    const stored: StoredIdp = {
      config: {
        id: newIdpId(),
        ...input,
        scimAttributesForPolicyFirstEnabledAt: input.scimAttributesForPolicy ? isoTime(now) : null,
        scimSyncFirstEnabledAt: input.scimSyncEnabled ? isoTime(now) : null,
        scimTokenCreatedAt: null,
        createdAt: isoTime(now),
        updatedAt: isoTime(now),
      },
      scimTokenHash: null,
    };
    this.store.transaction(() => {
      this.store.idps.insert(stored);
      this.store.idps.recordChange({
        idpId: stored.config.id,
        at: now,
        field: 'created',
        from: null,
        to: input,
      });
    });
    const idp = this.view(stored);
    this.events.emit('idp.created', { idp });
    return idp;
  }

  update(id: string, body: unknown): IdpConfig {
    const patch = parseInput(patchIdpSchema, body);
    const now = this.clock.now();
    const { previous, next, fields } = this.store.transaction(() => {
      const current = this.require(id);
      const config = { ...current.config, ...patch };
      // Turning SCIM Sync off takes SCIM Attributes for Policy with it: the console greys it out.
      if (patch.scimSyncEnabled === false && patch.scimAttributesForPolicy === undefined) {
        config.scimAttributesForPolicy = false;
      }
      if (config.scimAttributesForPolicy && !config.scimSyncEnabled) throw scimPolicyWithoutSync();
      if (patch.name !== undefined && patch.name !== current.config.name)
        this.assertNameFree(patch.name);
      if (config.scimAttributesForPolicy && !current.config.scimAttributesForPolicy) {
        config.scimAttributesForPolicyFirstEnabledAt ??= isoTime(now);
      }
      if (config.scimSyncEnabled && !current.config.scimSyncEnabled) {
        config.scimSyncFirstEnabledAt ??= isoTime(now);
      }
      const changed = (Object.keys(editableIdpFields) as (keyof typeof editableIdpFields)[]).filter(
        (field) => JSON.stringify(config[field]) !== JSON.stringify(current.config[field]),
      );
      if (changed.length > 0) config.updatedAt = isoTime(now);
      for (const field of changed) {
        this.store.idps.recordChange({
          idpId: id,
          at: now,
          field,
          from: current.config[field],
          to: config[field],
        });
      }
      const updated = { ...current, config };
      this.store.idps.update(updated);
      return { previous: current, next: updated, fields: changed };
    });
    const idp = this.view(next);
    if (fields.length > 0)
      this.events.emit('idp.changed', { idp, fields, previous: this.view(previous) });
    return idp;
  }

  remove(id: string): void {
    const now = this.clock.now();
    this.store.transaction(() => {
      this.require(id);
      this.store.scim.removeAllOfIdp(id);
      this.store.idps.remove(id);
      this.store.idps.recordChange({ idpId: id, at: now, field: 'deleted', from: null, to: null });
    });
    this.events.emit('idp.deleted', { idpId: id });
  }

  /** Generate New Token: returned here only, stored as a hash, replaces the previous one at once. */
  generateScimToken(id: string): string {
    const token = newToken();
    const now = this.clock.now();
    this.store.transaction(() => {
      const current = this.require(id);
      this.store.idps.update({
        config: { ...current.config, scimTokenCreatedAt: isoTime(now), updatedAt: isoTime(now) },
        scimTokenHash: hashToken(token),
      });
      this.store.idps.recordChange({
        idpId: id,
        at: now,
        field: 'scimToken',
        from: current.scimTokenHash ? 'set' : null,
        to: 'regenerated',
      });
    });
    return token;
  }

  scimTokenMatches(idpId: string, token: string): boolean {
    return tokenMatches(token, this.store.idps.get(idpId)?.scimTokenHash);
  }

  history(id: string) {
    this.require(id);
    return this.store.idps.changes(id);
  }

  private assertNameFree(name: string) {
    const taken = this.store.idps
      .list()
      .some((i) => i.config.name.toLowerCase() === name.toLowerCase());
    if (taken)
      throw new ConflictError('name_taken', `An IdP configuration named "${name}" already exists.`);
  }
}

const RECORD_DEFAULTS: Partial<StoredIdp['config']> = {
  reauthOnUserUpdate: false,
  scimSyncFirstEnabledAt: null,
  scimPolicyDelayMinutes: 0,
};

/**
 * When SCIM-based rules take effect: the configured delay after SCIM Sync was first enabled
 * (domain.md §2.5: the real service advises waiting 48 hours to a week; default: at once).
 */
export function scimPolicyEffectiveAt(
  c: Pick<IdpConfig, 'scimSyncFirstEnabledAt' | 'scimPolicyDelayMinutes'>,
): string | null {
  if (!c.scimSyncFirstEnabledAt) return null;
  return isoTime(Date.parse(c.scimSyncFirstEnabledAt) + (c.scimPolicyDelayMinutes ?? 0) * 60_000);
}

const scimPolicyWithoutSync = () =>
  new InvalidError(
    'scim_sync_required',
    'SCIM Attributes for Policy can only be enabled while SCIM Sync is enabled for this IdP. Enable SCIM Sync first.',
  );
