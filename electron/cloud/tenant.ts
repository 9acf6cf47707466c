import { randomInt } from 'node:crypto';
import type { Store } from './store/types.js';

/** The tenant's id ("userdb" in the SCIM endpoint path), created once and then kept. */
export function tenantId(store: Store): string {
  let id = store.settings.get('tenant.id');
  if (!id) {
    id = `2${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    store.settings.set('tenant.id', id);
  }
  return id;
}
