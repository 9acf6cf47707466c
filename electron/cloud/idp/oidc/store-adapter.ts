import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../../clock/clock.js';
import { DATABASE_BUSY, isDatabaseBusy } from '../../http/database-busy.js';
import type { FoundOidcRecord, OidcRecordStore } from '../../store/instance-state-types.js';

/** Models whose records die with their grant (revokeByGrantId). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

/** Every this many writes, expired records are deleted. */
const PRUNE_EVERY = 256;

/**
 * oidc-provider's storage for one IdP (sessions, interactions, codes, grants) in the cloud's
 * store (the oidc_records table), so that with several cloud instances on one database a
 * sign-in started on one finishes on another; on SQLite it survives a restart. Records expire
 * on the cloud's simulated clock, and a code is consumed by one statement, once.
 */
export function storeAdapter(
  records: OidcRecordStore,
  clock: Clock,
  idpId: string,
): AdapterConstructor {
  let writes = 0;
  const payloadOf = (found: FoundOidcRecord | undefined): AdapterPayload | undefined => {
    if (!found) return undefined;
    const payload = JSON.parse(found.doc) as AdapterPayload;
    return found.consumed === null ? payload : { ...payload, consumed: found.consumed };
  };

  return class StoreAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      const now = clock.now();
      unlessBusy(() =>
        records.upsert(idpId, this.model, id, {
          doc: JSON.stringify(payload),
          expiresAt: expiresIn === undefined ? null : now + expiresIn * 1000,
          uid: this.model === 'Session' ? payload.uid : undefined,
          userCode: payload.userCode,
          grantId: GRANTABLE.has(this.model) ? payload.grantId : undefined,
        }),
      );
      if (++writes % PRUNE_EVERY === 0) unlessBusy(() => records.pruneExpired(now));
    }

    async find(id: string) {
      return payloadOf(unlessBusy(() => records.find(idpId, this.model, id, clock.now())));
    }

    async findByUid(uid: string) {
      return payloadOf(
        unlessBusy(() => records.findBy(idpId, this.model, 'uid', uid, clock.now())),
      );
    }

    async findByUserCode(userCode: string) {
      return payloadOf(
        unlessBusy(() => records.findBy(idpId, this.model, 'userCode', userCode, clock.now())),
      );
    }

    async consume(id: string) {
      unlessBusy(() => records.consume(idpId, this.model, id, Math.floor(clock.now() / 1000)));
    }

    async destroy(id: string) {
      unlessBusy(() => records.destroy(idpId, this.model, id));
    }

    async revokeByGrantId(grantId: string) {
      unlessBusy(() => records.revokeByGrantId(idpId, grantId));
    }
  };
}

/**
 * Runs a store call; a busy database becomes what oidc-provider answers as an OAuth error of
 * its own (OIDCProviderError's fields: exposed, with its status): `temporarily_unavailable`
 * with 503 (JSON `{ error, error_description }`, its error page, or the redirect back to the
 * client at the authorization endpoint), not a `server_error` 500. oidc-provider is loaded
 * lazily (provider-registry.ts), so its error class is not at hand here.
 */
function unlessBusy<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (!isDatabaseBusy(e)) throw e;
    throw Object.assign(new Error(DATABASE_BUSY.oauthError, { cause: e }), {
      code: (e as { code: string }).code, // still busy to the cloud's own handlers
      error: DATABASE_BUSY.oauthError,
      error_description: DATABASE_BUSY.message,
      status: DATABASE_BUSY.status,
      statusCode: DATABASE_BUSY.status,
      expose: true,
      allow_redirect: true,
    });
  }
}
