/**
 * The SCIM request bodies each IdP sends (domain.md §3), as pure functions of the directory.
 */
import { DIRECTORY_PROFILE_KEYS } from '../../store/directory-types.js';
import type { DirectoryGroupRecord, DirectoryUserRecord } from '../../store/types.js';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './scim-client.js';

/** The attributes a push client maps from the directory to SCIM. */
export type UserProfile = {
  userName: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  department?: string;
  title?: string;
};

/** What was pushed: the profile and the active flag. */
export type PushedUser = UserProfile & { active: boolean };

export function profileOf(u: DirectoryUserRecord, enterpriseAttributes = true): UserProfile {
  return {
    userName: u.userName,
    givenName: u.givenName,
    familyName: u.familyName,
    displayName: u.displayName,
    email: u.email,
    ...(enterpriseAttributes && u.department ? { department: u.department } : {}),
    ...(enterpriseAttributes && u.title ? { title: u.title } : {}),
  };
}

/** The fields whose values differ (missing and empty count as the same). */
export function changedFields(
  before: Partial<PushedUser> | null | undefined,
  after: PushedUser,
): (keyof PushedUser)[] {
  const out: (keyof PushedUser)[] = [];
  for (const k of DIRECTORY_PROFILE_KEYS)
    if ((before?.[k] || undefined) !== (after[k] || undefined)) out.push(k);
  if ((before?.active ?? true) !== after.active) out.push('active');
  return out;
}

/** The profile a SCIM User resource carries, to compare with the directory when linking. */
export function pushedFromScim(r: Record<string, unknown>): PushedUser {
  const name = (r.name ?? {}) as Record<string, unknown>;
  const emails = Array.isArray(r.emails) ? (r.emails as Record<string, unknown>[]) : [];
  const email = emails.find((e) => e.primary === true) ?? emails[0];
  const ext = (r[ENTERPRISE_SCHEMA] ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    userName: String(r.userName ?? ''),
    givenName: str(name.givenName) ?? '',
    familyName: str(name.familyName) ?? '',
    displayName: str(r.displayName) ?? '',
    email: str(email?.value) ?? '',
    ...(str(ext.department) ? { department: str(ext.department) } : {}),
    ...(str(r.title) ? { title: str(r.title) } : {}),
    active: r.active !== false,
  };
}

// ---------------------------------------------------------------------------------------------
// Okta (Zscaler Private Access 2.0 OIN app)

/** OKTA-SCIM2 "Create the User": the full body, with a generated password. */
export function oktaCreateBody(u: DirectoryUserRecord, p: UserProfile, password: string) {
  return {
    schemas: p.department ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    userName: p.userName,
    name: { givenName: p.givenName, familyName: p.familyName },
    emails: [{ primary: true, value: p.email, type: 'work' }],
    displayName: p.displayName,
    locale: 'en-US',
    externalId: u.id,
    groups: [],
    password,
    active: true,
    ...(p.title ? { title: p.title } : {}),
    ...(p.department ? { [ENTERPRISE_SCHEMA]: { department: p.department } } : {}),
  };
}

/**
 * Okta's profile update: the resource it just read (GET /Users/{id}) with Okta's attributes
 * written over it, sent whole by PUT. Server-computed attributes (meta, groups) are left out.
 */
export function oktaPutBody(
  current: Record<string, unknown>,
  u: DirectoryUserRecord,
  p: UserProfile,
  enterpriseAttributes: boolean,
) {
  const { meta: _meta, groups: _groups, ...rest } = current;
  const body: Record<string, unknown> = {
    ...rest,
    userName: p.userName,
    name: {
      ...((current.name as object | undefined) ?? {}),
      givenName: p.givenName,
      familyName: p.familyName,
    },
    emails: [{ primary: true, value: p.email, type: 'work' }],
    displayName: p.displayName,
    externalId: u.id,
    active: true,
  };
  if (enterpriseAttributes) {
    const schemas = new Set(
      Array.isArray(current.schemas) ? (current.schemas as string[]) : [USER_SCHEMA],
    );
    if (p.title) body.title = p.title;
    else delete body.title;
    const ext = { ...((current[ENTERPRISE_SCHEMA] as object | undefined) ?? {}) } as Record<
      string,
      unknown
    >;
    if (p.department) ext.department = p.department;
    else delete ext.department;
    if (Object.keys(ext).length > 0) {
      body[ENTERPRISE_SCHEMA] = ext;
      schemas.add(ENTERPRISE_SCHEMA);
    } else {
      delete body[ENTERPRISE_SCHEMA];
      schemas.delete(ENTERPRISE_SCHEMA);
    }
    body.schemas = [...schemas];
  }
  return body;
}

/** OIN apps deactivate and reactivate with a path-less PATCH. */
export const oktaActiveOps = (active: boolean) => [{ op: 'replace', value: { active } }];

/**
 * A pushed group's membership update: a replace of the name accompanies every update, then the
 * members added, then one remove per member with a value filter.
 */
/** Okta's group-name replace: sent as a PATCH of its own with every membership update. */
export const oktaGroupNameOps = (scimId: string, name: string) => [
  { op: 'replace', value: { id: scimId, displayName: name } },
];

/** Okta's membership PATCH: the removes first, then the adds. */
export function oktaGroupMemberOps(add: { value: string; display: string }[], remove: string[]) {
  return [
    ...remove.map((id) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` })),
    ...(add.length > 0 ? [{ op: 'add', path: 'members', value: add }] : []),
  ];
}

export const oktaGroupCreateBody = (g: DirectoryGroupRecord) => ({
  schemas: [GROUP_SCHEMA],
  displayName: g.name,
  members: [],
});

// ---------------------------------------------------------------------------------------------
// Microsoft Entra ID

export function entraCreateBody(u: DirectoryUserRecord, p: UserProfile) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    externalId: u.id,
    userName: p.userName,
    active: true,
    displayName: p.displayName,
    emails: [{ primary: true, type: 'work', value: p.email }],
    meta: { resourceType: 'User' },
    name: {
      formatted: `${p.givenName} ${p.familyName}`.trim(),
      familyName: p.familyName,
      givenName: p.givenName,
    },
    roles: [],
    ...(p.title ? { title: p.title } : {}),
    ...(p.department ? { [ENTERPRISE_SCHEMA]: { department: p.department } } : {}),
  };
}

const ENTRA_PATHS: Record<keyof PushedUser, string> = {
  userName: 'userName',
  givenName: 'name.givenName',
  familyName: 'name.familyName',
  displayName: 'displayName',
  email: 'emails[type eq "work"].value',
  department: `${ENTERPRISE_SCHEMA}:department`,
  title: 'title',
  active: 'active',
};

/**
 * Entra's update of the attributes that changed. Without aadOptscim062020: capitalised ops, one
 * op per path, booleans as the strings "True"/"False". With it: lowercase ops, one value-object
 * replace, real booleans.
 */
export function entraUserOps(
  before: Partial<PushedUser> | null,
  after: PushedUser,
  aadOptscim062020: boolean,
) {
  const fields = changedFields(before, after);
  const nameChanged = fields.includes('givenName') || fields.includes('familyName');
  const ops: Record<string, unknown>[] = [];
  const replace: Record<string, unknown> = {};
  for (const f of fields) {
    const path = ENTRA_PATHS[f];
    const value = after[f];
    if (value === undefined || value === '') {
      ops.push({ op: aadOptscim062020 ? 'remove' : 'Remove', path });
    } else if (aadOptscim062020 && f === 'email') {
      // A filtered path cannot be a key of a value object.
      ops.push({ op: 'replace', path, value });
    } else if (aadOptscim062020) {
      replace[path] = value;
    } else {
      const v = f === 'active' ? (value ? 'True' : 'False') : value;
      ops.push({ op: 'Replace', path, value: v });
    }
  }
  if (nameChanged) {
    const formatted = `${after.givenName} ${after.familyName}`.trim();
    if (aadOptscim062020) replace['name.formatted'] = formatted;
    else ops.push({ op: 'Replace', path: 'name.formatted', value: formatted });
  }
  if (Object.keys(replace).length > 0) ops.unshift({ op: 'replace', value: replace });
  return ops;
}

export const entraGroupCreateBody = (g: DirectoryGroupRecord) => ({
  schemas: [GROUP_SCHEMA],
  externalId: g.id,
  displayName: g.name,
  meta: { resourceType: 'Group' },
});

/** Member changes: one Add with a value array; removal by value array, or by filter with the flag. */
export function entraMemberOps(add: string[], remove: string[], aadOptscim062020: boolean) {
  const ops: Record<string, unknown>[] = [];
  if (add.length > 0) {
    ops.push({
      op: aadOptscim062020 ? 'add' : 'Add',
      path: 'members',
      value: add.map((value) => ({ value })),
    });
  }
  if (remove.length > 0) {
    if (aadOptscim062020) {
      for (const id of remove) ops.push({ op: 'remove', path: `members[value eq "${id}"]` });
    } else {
      ops.push({ op: 'Remove', path: 'members', value: remove.map((value) => ({ value })) });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// PingFederate (Zscaler ZPA connector)

export function pingUserBody(u: DirectoryUserRecord, p: UserProfile, active: boolean) {
  return {
    schemas: p.department ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    externalId: u.id,
    userName: p.userName,
    name: { givenName: p.givenName, familyName: p.familyName },
    displayName: p.displayName,
    emails: [{ primary: true, type: 'work', value: p.email }],
    active,
    ...(p.title ? { title: p.title } : {}),
    ...(p.department ? { [ENTERPRISE_SCHEMA]: { department: p.department } } : {}),
  };
}

/** Lowercase ops, one per changed path, real booleans. */
export function pingUserOps(before: Partial<PushedUser> | null, after: PushedUser) {
  return changedFields(before, after).map((f) => {
    const value = after[f];
    return value === undefined || value === ''
      ? { op: 'remove', path: ENTRA_PATHS[f] }
      : { op: 'replace', path: ENTRA_PATHS[f], value };
  });
}

export const pingGroupCreateBody = (g: DirectoryGroupRecord) => ({
  schemas: [GROUP_SCHEMA],
  externalId: g.id,
  displayName: g.name,
  members: [],
});

export function pingGroupOps(name: string | null, add: string[], remove: string[]) {
  return [
    ...(name !== null ? [{ op: 'replace', path: 'displayName', value: name }] : []),
    ...(add.length > 0
      ? [{ op: 'add', path: 'members', value: add.map((value) => ({ value })) }]
      : []),
    ...remove.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
  ];
}
