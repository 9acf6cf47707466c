import type { IdpService } from '../idp-config/idp-service.js';
import { isoTime, type Clock } from '../clock/clock.js';
import { newDirectoryId } from '../store/sqlite-directory-store.js';
import type { Store } from '../store/types.js';
import { DEMO_DOMAINS, type DemoDomains } from './demo-domains.js';

/** The password of every seeded directory user (documented in the README). */
export const DEMO_PASSWORD = 'Passw0rd!';

/** A demo user; its user name is `<localPart>@<the organisation's domain>`. */
interface DemoUser {
  localPart: string;
  givenName: string;
  familyName: string;
  department: string;
  title: string;
  groups: string[];
}

const OKTA_USERS: DemoUser[] = [
  {
    localPart: 'alice',
    givenName: 'Alice',
    familyName: 'Anders',
    department: 'Engineering',
    title: 'Engineer',
    groups: ['Engineering', 'ZPA Users'],
  },
  {
    localPart: 'bob',
    givenName: 'Bob',
    familyName: 'Brown',
    department: 'Sales',
    title: 'Account Executive',
    groups: ['Sales', 'ZPA Users'],
  },
  {
    localPart: 'carol',
    givenName: 'Carol',
    familyName: 'Chen',
    department: 'Finance',
    title: 'Controller',
    groups: ['Finance', 'ZPA Users'],
  },
  {
    localPart: 'dave',
    givenName: 'Dave',
    familyName: 'Diaz',
    department: 'Engineering',
    title: 'SRE',
    groups: ['Engineering', 'ZPA Users'],
  },
];

const OIDC_USERS: DemoUser[] = [
  {
    localPart: 'erin',
    givenName: 'Erin',
    familyName: 'Evans',
    department: 'Engineering',
    title: 'Developer',
    groups: ['Engineering'],
  },
  {
    localPart: 'frank',
    givenName: 'Frank',
    familyName: 'Fischer',
    department: 'HR',
    title: 'HR Partner',
    groups: ['HR'],
  },
  {
    localPart: 'grace',
    givenName: 'Grace',
    familyName: 'Garcia',
    department: 'Sales',
    title: 'Sales Engineer',
    groups: ['Sales'],
  },
];

/** The demo users' user names, by organisation (what a workshop's join page lists). */
export function demoUserNames(domains: DemoDomains = DEMO_DOMAINS): {
  acme: string[];
  globex: string[];
} {
  return {
    acme: OKTA_USERS.map((u) => `${u.localPart}@${domains.acme}`),
    globex: OIDC_USERS.map((u) => `${u.localPart}@${domains.globex}`),
  };
}

/**
 * The scrypt hash of DEMO_PASSWORD every demo user of every tenant is seeded with, computed once
 * (`hashPassword(DEMO_PASSWORD)`) instead of at every start: scrypt is deliberately slow (~0.1 s
 * of CPU), and the password is documented, so a salt shared by every install hides nothing.
 * Signing in still verifies with scrypt; test/unit/cloud/demo-password.test.ts checks this
 * matches DEMO_PASSWORD.
 */
export const DEMO_PASSWORD_HASH =
  'scrypt$ffwjIJzDBXi_3yBOuFOnlQ$erFgsqQS837Wu4zwU1_I3VLXuOGDI7BGAS7zlDC599M';

/**
 * Seeds a new database with a demo tenant: an Okta SAML IdP and an OIDC IdP, each with directory
 * users and groups, the users assigned to the private-access application (Okta's through the
 * "ZPA Users" group). Runs once per database, inside the caller's transaction; a restart keeps
 * what is there.
 */
export function seedDemoTenant(
  store: Store,
  idps: IdpService,
  clock: Clock,
  domains: DemoDomains = DEMO_DOMAINS,
): void {
  // Claimed first, inside the caller's transaction: an instance seeding the same database at the
  // same moment waits for this one's commit, then finds the key taken and seeds nothing.
  if (!store.settings.claim('seeded.demo', isoTime(clock.now()))) return;
  const okta = idps.create({
    name: 'Okta (SAML)',
    protocol: 'saml',
    vendor: 'okta',
    domains: [domains.acme],
    samlAttributesForPolicy: true,
  });
  const oidc = idps.create({
    name: 'Globex OIDC',
    protocol: 'oidc',
    vendor: 'generic',
    domains: [domains.globex],
  });
  const password = DEMO_PASSWORD_HASH;
  const at = clock.now();
  store.transaction(() => {
    // Okta: every user is assigned to the application through the "ZPA Users" group (Zscaler
    // recommends one assignment group), before provisioning exists: the Okta sync error setup.
    // Globex: users assigned directly. No group is pushed and no provisioning is configured.
    for (const [idpId, domain, users, assignGroup] of [
      [okta.id, domains.acme, OKTA_USERS, 'ZPA Users'],
      [oidc.id, domains.globex, OIDC_USERS, null],
    ] as const) {
      const groupIds = new Map<string, string>();
      for (const name of new Set(users.flatMap((u) => u.groups))) {
        const id = newDirectoryId('00g');
        groupIds.set(name, id);
        store.directory.insertGroup(idpId, {
          id,
          name,
          description: name === assignGroup ? 'Everyone who uses private access' : '',
          assignedAt: name === assignGroup ? at : null,
          pushedAt: null,
          createdAt: at,
          updatedAt: at,
        });
      }
      for (const { groups, localPart, ...u } of users) {
        const id = newDirectoryId('00u');
        const userName = `${localPart}@${domain}`;
        store.directory.insertUser(idpId, {
          id,
          ...u,
          userName,
          displayName: `${u.givenName} ${u.familyName}`,
          email: userName,
          active: true,
          password,
          assignedAt: assignGroup === null ? at : null,
          createdAt: at,
          updatedAt: at,
          deletedAt: null,
        });
        for (const g of groups) store.directory.addMember(idpId, groupIds.get(g)!, id);
      }
    }
  });
}
