import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../../clock/clock.js';

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** Models whose records die with their grant (revokeByGrantId). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

const SWEEP_EVERY = 256;

/**
 * oidc-provider storage for one IdP: sessions, interactions, codes, grants. In memory (a restart
 * signs users out of the IdP, as restarting a real IdP's session store would), private to the
 * IdP so dropping the provider frees it, and expiring on the cloud's simulated clock. (The
 * library's own MemoryAdapter is one 1000-entry LRU shared by every provider in the process.)
 */
export function memoryAdapter(clock: Clock): AdapterConstructor {
  const entries = new Map<string, Entry>();
  let writes = 0;

  const get = (key: string): unknown => {
    const e = entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= clock.now()) {
      entries.delete(key);
      return undefined;
    }
    return e.value;
  };
  const set = (key: string, value: unknown, expiresInS?: number, atLeast = 0) => {
    const expiresAt = Math.max(
      atLeast,
      expiresInS === undefined ? Infinity : clock.now() + expiresInS * 1000,
    );
    entries.set(key, { value, expiresAt });
    if (++writes % SWEEP_EVERY === 0) {
      const now = clock.now();
      for (const [k, e] of entries) if (e.expiresAt <= now) entries.delete(k);
    }
  };

  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      const key = this.key(id);
      set(key, payload, expiresIn);
      if (this.model === 'Session' && payload.uid) set(`sessionUid:${payload.uid}`, id, expiresIn);
      if (payload.userCode) set(`userCode:${payload.userCode}`, id, expiresIn);
      if (GRANTABLE.has(this.model) && payload.grantId) {
        const grantKey = `grant:${payload.grantId}`;
        const members = (get(grantKey) as string[] | undefined) ?? [];
        // The list lives as long as its longest-lived member.
        set(grantKey, [...members, key], expiresIn, entries.get(grantKey)?.expiresAt);
      }
    }

    async find(id: string) {
      return get(this.key(id)) as AdapterPayload | undefined;
    }

    async findByUid(uid: string) {
      const id = get(`sessionUid:${uid}`) as string | undefined;
      return id === undefined ? undefined : this.find(id);
    }

    async findByUserCode(userCode: string) {
      const id = get(`userCode:${userCode}`) as string | undefined;
      return id === undefined ? undefined : this.find(id);
    }

    async consume(id: string) {
      const key = this.key(id);
      const e = entries.get(key);
      if (e) (e.value as AdapterPayload).consumed = Math.floor(clock.now() / 1000);
    }

    async destroy(id: string) {
      entries.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string) {
      const grantKey = `grant:${grantId}`;
      for (const key of (get(grantKey) as string[] | undefined) ?? []) entries.delete(key);
      entries.delete(grantKey);
    }
  };
}
