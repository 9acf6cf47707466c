/** The policy benchmark's users: SCIM records in the store, their sessions and subjects. */
import { performance } from 'node:perf_hooks';
import type { PolicySubject } from '../../../electron/cloud/policy/criteria.js';
import type { PolicySessionContext } from '../../../electron/cloud/policy/decider.js';
import { prng } from '../scim/stats.js';
import {
  DAY,
  DEPARTMENTS,
  ENTERPRISE,
  PLATFORMS,
  SCIM_GROUP_NAMES,
  TEAMS,
  TITLES,
  USER_TYPES,
  insertScimGroups,
  scimGroupId,
} from './directory.js';
import { SEED } from './options.js';
import type { World } from './world.js';

export interface Pool {
  sessions: PolicySessionContext[];
  subjects: PolicySubject[];
  buildMs: number;
}

/**
 * n users and their sessions: 90% Okta (SCIM Sync and SCIM for policy on; ~1% not synced, ~2%
 * deactivated, ~10% signed in before SCIM for policy was enabled), 10% Entra (SCIM off). Replaces
 * the Okta SCIM database.
 */
export function buildPool(w: World, n: number): Pool {
  const rand = prng(SEED + n);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const now = w.clock.now();
  const sessions: PolicySessionContext[] = [];
  const groupsOfUser: { id: string; name: string }[][] = [];
  const members = new Map<string, string[]>();
  const t0 = performance.now();
  w.store.transaction(() => {
    w.store.scim.removeAllOfIdp(w.oktaId);
    for (const id of w.store.scim.all('Group', w.oktaId).map((g) => g.id)) {
      w.store.scim.remove('Group', w.oktaId, id);
    }
    for (const u of w.store.scim.all('User', w.oktaId)) w.store.scim.remove('User', w.oktaId, u.id);
    insertScimGroups(w.store, w.oktaId, now);
    for (const name of SCIM_GROUP_NAMES) members.set(name, []);
    for (let i = 0; i < n; i++) {
      const entra = i % 10 === 9;
      const userName = `user${i}@${entra ? 'contoso' : 'acme'}.example`;
      const department = pick(DEPARTMENTS);
      const title = pick(TITLES);
      const teams = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(TEAMS));
      const groups = [...new Set([department, ...teams])].map((name) => ({
        id: scimGroupId(name),
        name,
      }));
      groupsOfUser.push(groups);
      const active = rand() > 0.02;
      if (!entra && rand() > 0.01) {
        w.store.scim.insert('User', w.oktaId, {
          id: `scim-${i}`,
          name: userName,
          externalId: null,
          active,
          version: 1,
          created: now,
          lastModified: now,
          attributes: {
            userName,
            active,
            title,
            userType: pick(USER_TYPES),
            name: { givenName: `Given${i}`, familyName: `Family${i}` },
            [ENTERPRISE]: { department },
          },
        });
        for (const g of groups) members.get(g.name)!.push(`scim-${i}`);
      }
      const authTime = now - Math.floor(rand() * 3 * DAY);
      sessions.push({
        idpId: entra ? w.entraId : w.oktaId,
        userName,
        attributes: { department: [department], groups: teams, title: [title] },
        authTime,
        createdAt: rand() < 0.1 ? now - 3 * DAY : authTime,
        clientType: 'zpn_client_type_zapp',
        platform: pick(PLATFORMS),
      });
    }
    for (const [name, ids] of members) {
      w.store.scim.setMembers(
        w.oktaId,
        scimGroupId(name),
        ids.map((value) => ({ value, type: 'User', display: null })),
      );
    }
  });
  // The engine-only runs read no store: their subjects hold the SCIM record and groups in memory
  // (taken without touching the lazy `groups`, which would query the store).
  const subjects = sessions.map((session, i) => {
    const subject = w.policy.inputFor(session, { fqdn: '', port: 0 }).subject;
    const rec = subject.scim;
    if (rec) {
      subject.scim = { active: rec.active, attributes: rec.attributes, groups: groupsOfUser[i]! };
    }
    return subject;
  });
  return { sessions, subjects, buildMs: performance.now() - t0 };
}
