/**
 * The demo rules' SCIM-group criteria. Criteria hold SCIM group ids (domain.md §7), and a SCIM
 * group has an id only once the IdP has pushed it, so the seed cannot name one. As the real admin
 * console only offers groups that exist, the demo tenant's admin adds the group to the rule once
 * Okta has pushed it: the seed records which group each demo rule wants (by name, in the settings
 * key below), and this adds the SCIM_GROUP criterion with the group's id when the group first
 * arrives (or at start, if it already exists). Demo tenant only; rules an admin wrote are never
 * touched.
 */
import type { PolicyType } from '../../../shared/model/policy.js';
import type { CloudEvents } from '../events.js';
import type { Store } from '../store/types.js';
import type { PolicyService } from './service.js';

export const DEMO_SCIM_GROUPS_KEY = 'seeded.policies.scimGroups';

/** A demo rule's condition that wants the SCIM group `groupName` of `idpId`. */
export interface WantedScimGroup {
  type: PolicyType;
  ruleId: string;
  condition: number;
  idpId: string;
  groupName: string;
}

const read = (store: Store): WantedScimGroup[] =>
  JSON.parse(store.settings.get(DEMO_SCIM_GROUPS_KEY) ?? '[]') as WantedScimGroup[];

export function wantScimGroups(store: Store, wanted: WantedScimGroup[]) {
  store.settings.set(DEMO_SCIM_GROUPS_KEY, JSON.stringify([...read(store), ...wanted]));
}

export function bindDemoScimGroups(store: Store, events: CloudEvents, policy: PolicyService) {
  const bind = (idpId: string, groupId: string, groupName: string) => {
    const pending = read(store);
    const now = pending.filter(
      (w) => w.idpId === idpId && w.groupName.toLowerCase() === groupName.toLowerCase(),
    );
    if (now.length === 0) return;
    store.settings.set(
      DEMO_SCIM_GROUPS_KEY,
      JSON.stringify(pending.filter((w) => !now.includes(w))),
    );
    for (const w of now) {
      const rule = store.policy.rule(w.type, w.ruleId);
      const cond = rule?.conditions[w.condition];
      if (!rule || !cond) continue; // the admin deleted or reshaped the rule
      const conditions = rule.conditions.map((c, i) =>
        i === w.condition
          ? {
              ...c,
              operands: [...c.operands, { objectType: 'SCIM_GROUP', lhs: idpId, rhs: groupId }],
            }
          : c,
      );
      policy.updateRule(w.type, w.ruleId, { conditions });
    }
  };
  for (const w of read(store)) {
    const g = store.scim.findByName('Group', w.idpId, w.groupName)[0];
    if (g) bind(w.idpId, g.id, g.name);
  }
  events.on('scim.changed', (c) => {
    if (c.resourceType === 'Group' && c.change === 'created') bind(c.idpId, c.id, c.name);
  });
}
