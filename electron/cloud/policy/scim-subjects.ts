/**
 * The SCIM record and groups of the users decisions are made for, kept between decisions. Read
 * from SQLite on every decision, the two indexed reads (userName, then groups) grew with the
 * directory (a deeper B-tree, a database past the CPU caches) and dominated a decision at 100k
 * users. An entry holds while the store's read stamp for its IdP is unchanged: any write to the
 * IdP's SCIM users, groups or memberships, or another connection's commit, makes the next
 * decision read again; nothing is kept from inside a transaction (it may be rolled back).
 */
import { nameKey } from '../store/name-key.js';
import type { ScimStore } from '../store/types.js';
import type { ScimSubject } from './criteria.js';

/** At most this many users are kept (first in, first out): ~100k SCIM users decided for. */
export const SCIM_SUBJECTS_KEPT = 100_000;

export class ScimSubjects {
  private readonly kept = new Map<string, { stamp: string; subject: ScimSubject | null }>();

  constructor(
    private readonly scim: ScimStore,
    private readonly capacity = SCIM_SUBJECTS_KEPT,
  ) {}

  /** The user's SCIM subject (null: not provisioned), as of the last SCIM write. */
  of(idpId: string, userName: string): ScimSubject | null {
    const stamp = this.scim.readStamp(idpId);
    const key = `${idpId}\n${nameKey(userName)}`;
    const hit = this.kept.get(key);
    if (hit && hit.stamp === stamp) return hit.subject;
    const subject = this.read(idpId, userName);
    if (stamp !== null) {
      this.kept.delete(key);
      if (this.kept.size >= this.capacity) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(key, { stamp, subject });
    }
    return subject;
  }

  private read(idpId: string, userName: string): ScimSubject | null {
    const user = this.scim.findByName('User', idpId, userName)[0];
    if (!user) return null;
    const scim = this.scim;
    let groups: ScimSubject['groups'] | undefined;
    return {
      active: user.active,
      attributes: user.attributes,
      // Read only when a SCIM_GROUP criterion is evaluated (then kept with the entry).
      get groups() {
        return (groups ??= scim
          .groupsOf(idpId, user.id)
          .map((g) => ({ id: g.value, name: g.display })));
      },
    };
  }
}
