/** Which objects an Entra ID cycle or a PingFederate poll visits. */
import type { PushSession } from '../push-session.js';
import { changedFields, profileOf } from '../shapes.js';

import { HARD_DELETE_AFTER_MS, pushedOf, wantedUser } from './common.js';

export function planCycle(s: PushSession): { users: string[]; groups: string[] } {
  const reader = s.reader();
  const initial = s.mode === 'initial';
  const records = new Map(
    s.service.store.provisioning.objects(s.idpId, 'user').map((r) => [r.id, r]),
  );
  const users: string[] = [];
  const seen = new Set<string>();
  for (const u of reader.users(true)) {
    seen.add(u.id);
    const rec = records.get(u.id);
    const hardDeleted = u.deletedAt !== null && s.now - u.deletedAt >= HARD_DELETE_AFTER_MS;
    if (hardDeleted) {
      if (rec) users.push(u.id);
      continue;
    }
    if (wantedUser(reader, u)) {
      if (
        initial ||
        !rec?.scimId ||
        rec.state !== 'provisioned' ||
        changedFields(pushedOf(rec), { ...profileOf(u, true), active: true }).length > 0
      ) {
        users.push(u.id);
      }
    } else if (rec && (rec.state !== 'deprovisioned' || pushedOf(rec)?.active === true)) {
      users.push(u.id);
    }
  }
  for (const rec of records.values()) if (!seen.has(rec.id)) users.push(rec.id);

  const groups = new Set<string>();
  for (const g of reader.groups()) if (g.assignedAt !== null) groups.add(g.id);
  for (const rec of s.service.store.provisioning.objects(s.idpId, 'group')) groups.add(rec.id);
  return { users, groups: [...groups] };
}
