/**
 * SCIM 2.0 protocol suite (RFC 7643 / RFC 7644) against a running cloud over HTTP: discovery
 * documents, filters, pagination, sorting, projection, meta and versions, preconditions, PUT
 * semantics, errors for unknown resources and routes, rate limiting, and a little fuzzing that
 * must never produce a 500.
 *
 * The Okta IdP holds a fixed, read-only data set (created with the simulated clock one minute
 * apart); tests that write use the OIDC IdP, so the data set never changes under the filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import {
  admin,
  enableScim,
  ENTERPRISE_SCHEMA,
  ERROR_SCHEMA,
  eventually,
  expectList,
  expectScimError,
  expectStatus,
  GROUP_SCHEMA,
  PATCH_OP,
  query,
  scim,
  SCIM_JSON,
  sleep,
  startTestCloud,
  USER_SCHEMA,
  type Body,
  type HttpResponse,
  type ScimClient,
} from '../helpers/cloud.js';

let cloud: RunningCloud;
/** The read-only data set. */
let ro: ScimClient;
/** Scratch space for writes. */
let rw: ScimClient;
let roIdpId: string;
let rwIdpId: string;
let rwToken: string;

const MINUTE = 60_000;

/** userName -> id of the read-only data set. */
const ID: Record<string, string> = {};
const GROUP_ID: Record<string, string> = {};
const CREATED: Record<string, string> = {};

const DATA_SET: Body[] = [
  {
    userName: 'alice@acme.example',
    externalId: 'ext-alice',
    name: { givenName: 'Alice', familyName: 'Anders' },
    displayName: 'Alice Anders',
    title: 'Engineer',
    userType: 'Employee',
    emails: [
      { type: 'home', value: 'a-alice@home.example' },
      { type: 'work', value: 'alice@acme.example', primary: true },
    ],
    [ENTERPRISE_SCHEMA]: { department: 'Engineering', costCenter: 'CC-100' },
  },
  {
    userName: 'Bob@acme.example',
    externalId: 'ext-bob',
    name: { givenName: 'Bob', familyName: 'Brown' },
    title: 'Account Executive',
    active: false,
    emails: [{ type: 'work', value: 'bob@acme.example', primary: true }],
    [ENTERPRISE_SCHEMA]: { department: 'Sales' },
  },
  {
    userName: 'carol@acme.example',
    externalId: 'EXT-carol',
    name: { givenName: 'Carol', familyName: 'Chen' },
    emails: [{ type: 'home', value: 'a.carol@home.example' }],
    [ENTERPRISE_SCHEMA]: { department: 'Finance' },
  },
  {
    userName: 'dave@globex.example',
    name: { givenName: 'Dave', familyName: 'Diaz' },
    title: 'SRE',
    emails: [{ type: 'work', value: 'dave@globex.example', primary: true }],
    [ENTERPRISE_SCHEMA]: { department: 'Engineering' },
  },
  {
    userName: 'erin@acme.example',
    name: { givenName: 'Erin' },
    title: 'database admin',
  },
];

const ALICE = 'alice@acme.example';
const BOB = 'Bob@acme.example';
const CAROL = 'carol@acme.example';
const DAVE = 'dave@globex.example';
const ERIN = 'erin@acme.example';
const ALL = [ALICE, BOB, CAROL, DAVE, ERIN];

const userBody = (u: Body) => ({
  schemas: u[ENTERPRISE_SCHEMA] ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
  ...u,
});

/** The userNames a filter selects from the read-only data set, in response order. */
async function usersMatching(filter: string, extra: Record<string, string> = {}) {
  const list = expectList(await ro.get(`/Users${query({ filter, ...extra })}`));
  return list.Resources.map((r: Body) => r.userName as string);
}

/** Creates a scratch user on the read-write IdP and returns it. */
let scratchCounter = 0;
async function scratchUser(extra: Record<string, unknown> = {}): Promise<Body> {
  const userName = `scratch${++scratchCounter}@rw.example`;
  return expectStatus(
    await rw.post('/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      userName,
      name: { givenName: 'Scratch', familyName: `No${scratchCounter}` },
      title: 'Tester',
      nickName: 'scratchy',
      emails: [{ type: 'work', value: userName, primary: true }],
      [ENTERPRISE_SCHEMA]: { department: 'QA' },
      ...extra,
    }),
    201,
  );
}

beforeAll(async () => {
  cloud = await startTestCloud();
  const okta = await enableScim(cloud, 'Okta');
  ro = scim(okta.endpoint, okta.token);
  roIdpId = okta.idp.id;
  const oidc = await enableScim(cloud, 'OIDC');
  rw = scim(oidc.endpoint, oidc.token);
  rwIdpId = oidc.idp.id;
  rwToken = oidc.token;

  for (const u of DATA_SET) {
    cloud.clock.advance(MINUTE);
    const created = expectStatus(await ro.post('/Users', userBody(u)), 201);
    ID[u.userName] = created.id;
    CREATED[u.userName] = created.meta.created;
  }
  for (const [displayName, members] of [
    ['Engineering', [ALICE, DAVE]],
    ['Sales', [BOB]],
    ['Empty', []],
  ] as const) {
    cloud.clock.advance(MINUTE);
    const g = expectStatus(
      await ro.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName,
        members: members.map((m) => ({ value: ID[m] })),
      }),
      201,
    );
    GROUP_ID[displayName] = g.id;
  }
});

afterAll(async () => {
  await cloud?.close();
});

// -------------------------------------------------------------------------------------------------

describe('discovery documents', () => {
  it('ServiceProviderConfig advertises patch, filter, sort, etag, no bulk, bearer auth', async () => {
    const res = await ro.get('/ServiceProviderConfig');
    const spc = expectStatus(res, 200);
    expect(res.headers.get('content-type')).toContain(SCIM_JSON);
    expect(spc.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);
    expect(spc).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
    });
    expect(Number.isInteger(spc.bulk.maxOperations)).toBe(true);
    expect(Number.isInteger(spc.bulk.maxPayloadSize)).toBe(true);
    expect(spc.authenticationSchemes.length).toBeGreaterThan(0);
    expect(spc.authenticationSchemes[0]).toMatchObject({ type: 'oauthbearertoken' });
    expect(typeof spc.authenticationSchemes[0].name).toBe('string');
    expect(typeof spc.authenticationSchemes[0].description).toBe('string');
    expect(spc.meta).toMatchObject({
      resourceType: 'ServiceProviderConfig',
      location: `${ro.endpoint}/ServiceProviderConfig`,
    });
  });

  it('ResourceTypes lists User (with the enterprise extension) and Group', async () => {
    const list = expectList(await ro.get('/ResourceTypes'));
    expect(list.totalResults).toBe(2);
    const byId = Object.fromEntries(list.Resources.map((r: Body) => [r.id, r]));
    expect(byId.User).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      name: 'User',
      endpoint: '/Users',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${ro.endpoint}/ResourceTypes/User` },
    });
    expect(byId.Group).toMatchObject({ name: 'Group', endpoint: '/Groups', schema: GROUP_SCHEMA });
    expect(expectStatus(await ro.get('/ResourceTypes/User'), 200)).toEqual(byId.User);
    expectScimError(await ro.get('/ResourceTypes/Printer'), 404);
  });

  it('Schemas publishes User, EnterpriseUser and Group with attribute characteristics', async () => {
    const list = expectList(await ro.get('/Schemas'));
    const ids = list.Resources.map((s: Body) => s.id);
    expect(ids).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE_SCHEMA, GROUP_SCHEMA]));
    for (const s of list.Resources) {
      expect(s.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Schema']);
      expect(Array.isArray(s.attributes)).toBe(true);
      for (const a of s.attributes) {
        expect(a).toEqual(
          expect.objectContaining({
            name: expect.any(String),
            type: expect.any(String),
            multiValued: expect.any(Boolean),
            required: expect.any(Boolean),
            caseExact: expect.any(Boolean),
            mutability: expect.any(String),
            returned: expect.any(String),
            uniqueness: expect.any(String),
          }),
        );
      }
    }
    const user = expectStatus(await ro.get(`/Schemas/${USER_SCHEMA}`), 200);
    const attr = (name: string) => user.attributes.find((a: Body) => a.name === name);
    expect(attr('userName')).toMatchObject({
      required: true,
      uniqueness: 'server',
      type: 'string',
    });
    expect(attr('password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(attr('groups')).toMatchObject({ mutability: 'readOnly', multiValued: true });
    expect(attr('emails').subAttributes.map((s: Body) => s.name)).toEqual(
      expect.arrayContaining(['value', 'type', 'primary']),
    );
    const ent = expectStatus(await ro.get(`/Schemas/${ENTERPRISE_SCHEMA}`), 200);
    expect(ent.attributes.map((a: Body) => a.name)).toEqual(
      expect.arrayContaining(['department', 'costCenter', 'organization', 'division', 'manager']),
    );
    expectScimError(await ro.get('/Schemas/urn:example:nope'), 404);
  });
});

// -------------------------------------------------------------------------------------------------

describe('filters', () => {
  const cases: [string, string[]][] = [
    // eq, and case-insensitivity of userName, attribute names and operators
    [`userName eq "${ALICE}"`, [ALICE]],
    [`userName eq "ALICE@ACME.EXAMPLE"`, [ALICE]],
    [`userName eq "bob@acme.example"`, [BOB]],
    [`USERNAME eq "${ALICE}"`, [ALICE]],
    [`userName EQ "${ALICE}"`, [ALICE]],
    [`name.familyname eq "brown"`, [BOB]],
    // ne co sw ew
    [`userName ne "${ALICE}"`, [BOB, CAROL, DAVE, ERIN]],
    ['userName co "ACME"', [ALICE, BOB, CAROL, ERIN]],
    ['userName sw "b"', [BOB]],
    ['userName ew "globex.example"', [DAVE]],
    ['emails.value co "@home.example"', [ALICE, CAROL]],
    // gt ge lt le on strings (case-insensitive) and on dateTimes
    ['userName gt "c"', [CAROL, DAVE, ERIN]],
    [`userName ge "${CAROL}"`, [CAROL, DAVE, ERIN]],
    ['userName lt "c"', [ALICE, BOB]],
    [`userName le "${CAROL}"`, [ALICE, BOB, CAROL]],
    // pr
    ['title pr', [ALICE, BOB, DAVE, ERIN]],
    ['externalId pr', [ALICE, BOB, CAROL]],
    ['name.familyName pr', [ALICE, BOB, CAROL, DAVE]],
    ['emails pr', [ALICE, BOB, CAROL, DAVE]],
    // booleans
    ['active eq false', [BOB]],
    ['active eq true', [ALICE, CAROL, DAVE, ERIN]],
    // externalId is caseExact
    ['externalId eq "EXT-carol"', [CAROL]],
    ['externalId eq "ext-carol"', []],
    // logical operators, precedence, grouping, not
    ['userName sw "a" or userName sw "c"', [ALICE, CAROL]],
    ['userName sw "a" OR userName sw "c"', [ALICE, CAROL]],
    ['userName sw "a" or userName sw "c" and title pr', [ALICE]],
    ['(userName sw "a" or userName sw "c") and title pr', [ALICE]],
    ['(userName sw "a" or userName sw "c") and not (title pr)', [CAROL]],
    ['not (userName co "acme")', [DAVE]],
    ['title pr and not (active eq false) and (userName ew "example")', [ALICE, DAVE, ERIN]],
    // value paths: one element must satisfy the whole value filter
    ['emails[type eq "work" and value co "@"]', [ALICE, BOB, DAVE]],
    ['emails[type eq "home"]', [ALICE, CAROL]],
    ['emails[type eq "work" and value ew "globex.example"]', [DAVE]],
    ['emails[type eq "home" and value co "acme"]', []],
    ['EMAILS[TYPE eq "work" and primary eq true]', [ALICE, BOB, DAVE]],
    // without a value path, each comparison may match a different element
    ['emails.type eq "home" and emails.value co "acme"', [ALICE]],
    // full URN attribute paths, core and enterprise
    [`${USER_SCHEMA}:userName eq "${DAVE}"`, [DAVE]],
    [`${USER_SCHEMA}:name.givenName eq "erin"`, [ERIN]],
    [`${ENTERPRISE_SCHEMA}:department eq "Engineering"`, [ALICE, DAVE]],
    [`${ENTERPRISE_SCHEMA}:department eq "engineering"`, [ALICE, DAVE]],
    [`${ENTERPRISE_SCHEMA.toUpperCase()}:DEPARTMENT eq "sales"`, [BOB]],
    [`${ENTERPRISE_SCHEMA}:costCenter pr`, [ALICE]],
  ];

  it.each(cases)('%s', async (filter, expected) => {
    expect(await usersMatching(filter)).toEqual(expected);
  });

  it('compares dateTimes as instants: meta.created gt / ge / lt / le', async () => {
    const at = CREATED[CAROL]!;
    expect(await usersMatching(`meta.created gt "${at}"`)).toEqual([DAVE, ERIN]);
    expect(await usersMatching(`meta.created ge "${at}"`)).toEqual([CAROL, DAVE, ERIN]);
    expect(await usersMatching(`meta.created lt "${at}"`)).toEqual([ALICE, BOB]);
    expect(await usersMatching(`meta.created le "${at}"`)).toEqual([ALICE, BOB, CAROL]);
    // The same instant written with an offset is the same instant.
    const shifted = new Date(Date.parse(at)).toISOString().replace('Z', '+00:00');
    expect(await usersMatching(`meta.created eq "${shifted}"`)).toEqual([CAROL]);
  });

  it('does not narrow by an indexed equality that sits under "or" or "not"', async () => {
    expect(await usersMatching(`userName eq "${ALICE}" or userName eq "${DAVE}"`)).toEqual([
      ALICE,
      DAVE,
    ]);
    expect(await usersMatching(`not (userName eq "${ALICE}")`)).toEqual([BOB, CAROL, DAVE, ERIN]);
    expect(await usersMatching(`externalId eq "ext-bob" or title eq "SRE"`)).toEqual([BOB, DAVE]);
    expect(await usersMatching(`userName eq "${ALICE}" and title eq "nope"`)).toEqual([]);
  });

  it('filters users by their (computed) groups', async () => {
    expect(await usersMatching(`groups.value eq "${GROUP_ID.Engineering}"`)).toEqual([ALICE, DAVE]);
    expect(await usersMatching(`groups[display eq "sales"]`)).toEqual([BOB]);
    expect(await usersMatching('not (groups pr)')).toEqual([CAROL, ERIN]);
  });

  it('filters by id', async () => {
    expect(await usersMatching(`id eq "${ID[DAVE]}"`)).toEqual([DAVE]);
    expect(await usersMatching('id eq "00000000-0000-4000-8000-000000000000"')).toEqual([]);
  });

  it('filters groups by displayName (case-insensitive) and by members', async () => {
    const groups = async (filter: string) =>
      expectList(await ro.get(`/Groups${query({ filter })}`)).Resources.map(
        (g: Body) => g.displayName as string,
      );
    expect(await groups('displayName eq "engineering"')).toEqual(['Engineering']);
    expect(await groups(`members.value eq "${ID[ALICE]}"`)).toEqual(['Engineering']);
    expect(await groups(`members[value eq "${ID[BOB]}"]`)).toEqual(['Sales']);
    expect(await groups('members pr')).toEqual(['Engineering', 'Sales']);
    expect(await groups('not (members pr)')).toEqual(['Empty']);
  });

  it('refuses gt/lt on booleans and malformed filters with 400 invalidFilter', async () => {
    for (const filter of [
      'active gt false',
      'userName eq',
      "userName eq 'single quotes'",
      'userName eq "a" or',
      '((userName eq "a")',
      'userName eq "a")',
      'emails[type eq "work"',
      'emails[type eq "work"]]',
      'userName pr "x"',
      'and userName eq "a"',
      '"a" eq userName',
    ]) {
      expectScimError(await ro.get(`/Users${query({ filter })}`), 400, 'invalidFilter');
    }
  });

  it('an attribute the schema does not define is either refused or matches nothing', async () => {
    const res = await ro.get(`/Users${query({ filter: 'shoeSize eq "42"' })}`);
    if (res.status === 200) expect(res.body.totalResults).toBe(0);
    else expectScimError(res, 400, 'invalidFilter');
  });
});

// -------------------------------------------------------------------------------------------------

describe('pagination', () => {
  const page = async (params: Record<string, string | number>) =>
    expectList(await ro.get(`/Users${query(params)}`));

  it('defaults to startIndex 1 and all results in creation order', async () => {
    const all = await page({});
    expect(all).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 5 });
    expect(all.Resources.map((r: Body) => r.userName)).toEqual(ALL);
  });

  it('treats startIndex < 1 as 1', async () => {
    for (const startIndex of [0, -3]) {
      const p = await page({ startIndex, count: 2 });
      expect(p).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 2 });
      expect(p.Resources.map((r: Body) => r.userName)).toEqual([ALICE, BOB]);
    }
  });

  it('count=0 (and negative counts) return only totalResults', async () => {
    for (const count of [0, -1]) {
      const p = await page({ count });
      expect(p).toMatchObject({ totalResults: 5, itemsPerPage: 0 });
      expect(p.Resources).toEqual([]);
    }
  });

  it('pages through results with startIndex and count', async () => {
    const p = await page({ startIndex: 2, count: 2 });
    expect(p).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(p.Resources.map((r: Body) => r.userName)).toEqual([BOB, CAROL]);
    const last = await page({ startIndex: 5, count: 2 });
    expect(last.Resources.map((r: Body) => r.userName)).toEqual([ERIN]);
  });

  it('caps count above maxResults instead of failing', async () => {
    const p = await page({ count: 100_000 });
    expect(p.itemsPerPage).toBe(5);
    const huge = await page({ count: '99999999999999999999' });
    expect(huge.itemsPerPage).toBe(5);
  });

  it('returns an empty page beyond the end', async () => {
    for (const startIndex of [6, 1000]) {
      const p = await page({ startIndex, count: 10 });
      expect(p).toMatchObject({ totalResults: 5, startIndex, itemsPerPage: 0 });
      expect(p.Resources).toEqual([]);
    }
  });

  it('paginates filtered results, totalResults counting every match', async () => {
    const p = await page({ filter: 'userName co "acme"', startIndex: 2, count: 2 });
    expect(p).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    expect(p.Resources.map((r: Body) => r.userName)).toEqual([BOB, CAROL]);
  });

  it('refuses non-integer startIndex and count with 400', async () => {
    for (const params of [{ startIndex: 'abc' }, { count: '1.5' }, { startIndex: '1e400' }]) {
      expectScimError(await ro.get(`/Users${query(params)}`), 400, 'invalidValue');
    }
  });
});

// -------------------------------------------------------------------------------------------------

describe('sorting', () => {
  const sorted = async (sortBy: string, sortOrder?: string, path = '/Users') => {
    const list = expectList(await ro.get(`${path}${query({ sortBy, sortOrder })}`));
    return list.Resources.map((r: Body) => (path === '/Users' ? r.userName : r.displayName));
  };

  it('sorts case-insensitively, ascending by default', async () => {
    expect(await sorted('userName')).toEqual([ALICE, BOB, CAROL, DAVE, ERIN]);
    expect(await sorted('userName', 'ascending')).toEqual([ALICE, BOB, CAROL, DAVE, ERIN]);
    expect(await sorted('userName', 'descending')).toEqual([ERIN, DAVE, CAROL, BOB, ALICE]);
    expect(await sorted('USERNAME', 'descending')).toEqual([ERIN, DAVE, CAROL, BOB, ALICE]);
  });

  it('puts resources without a value last when ascending and first when descending', async () => {
    // Titles: Bob "Account Executive", Erin "database admin", Alice "Engineer", Dave "SRE".
    expect(await sorted('title')).toEqual([BOB, ERIN, ALICE, DAVE, CAROL]);
    expect(await sorted('title', 'descending')).toEqual([CAROL, DAVE, ALICE, ERIN, BOB]);
    expect(await sorted('name.familyName')).toEqual([ALICE, BOB, CAROL, DAVE, ERIN]);
    expect(await sorted('name.familyName', 'descending')).toEqual([ERIN, DAVE, CAROL, BOB, ALICE]);
  });

  it('sorts by an extension attribute given by its full URN path', async () => {
    const order = await sorted(`${ENTERPRISE_SCHEMA}:department`);
    // Engineering (Alice, Dave), Finance, Sales, then Erin without a department.
    expect(order.slice(2)).toEqual([CAROL, BOB, ERIN]);
    expect(order.slice(0, 2).sort()).toEqual([ALICE, DAVE].sort());
  });

  it('sorts a multi-valued attribute by its primary value', async () => {
    // Alice's primary email is alice@acme.example although her first one is a-alice@home.example.
    expect(await sorted('emails.value')).toEqual([CAROL, ALICE, BOB, DAVE, ERIN]);
  });

  it('sorts by dateTime and combines with filters and paging', async () => {
    expect(await sorted('meta.created', 'descending')).toEqual([ERIN, DAVE, CAROL, BOB, ALICE]);
    const p = expectList(
      await ro.get(
        `/Users${query({ filter: 'userName co "acme"', sortBy: 'userName', sortOrder: 'descending', startIndex: 2, count: 2 })}`,
      ),
    );
    expect(p.totalResults).toBe(4);
    expect(p.Resources.map((r: Body) => r.userName)).toEqual([CAROL, BOB]);
  });

  it('sorts groups: ?sortBy=displayName&sortOrder=descending (ZPA example)', async () => {
    expect(await sorted('displayName', 'descending', '/Groups')).toEqual([
      'Sales',
      'Engineering',
      'Empty',
    ]);
  });

  it('refuses an unknown sortOrder with 400', async () => {
    expectScimError(
      await ro.get(`/Users${query({ sortBy: 'userName', sortOrder: 'sideways' })}`),
      400,
      'invalidValue',
    );
  });
});

// -------------------------------------------------------------------------------------------------

describe('attributes and excludedAttributes', () => {
  const listWith = async (params: Record<string, string>) =>
    expectList(await ro.get(`/Users${query({ filter: `userName eq "${ALICE}"`, ...params })}`))
      .Resources[0] as Body;

  it('attributes=userName returns userName and id (always), nothing else of substance', async () => {
    const r = await listWith({ attributes: 'userName' });
    expect(r).toMatchObject({ id: ID[ALICE], userName: ALICE });
    expect(
      Object.keys(r).filter((k) => !['id', 'userName', 'schemas', 'meta'].includes(k)),
    ).toEqual([]);
  });

  it('attribute names are case-insensitive and sub-attributes select only themselves', async () => {
    const r = await listWith({ attributes: 'USERNAME,Name.GivenName' });
    expect(r.userName).toBe(ALICE);
    expect(r.name).toEqual({ givenName: 'Alice' });
    expect(r).not.toHaveProperty('emails');
    const e = await listWith({ attributes: 'emails.value' });
    expect(e.emails).toEqual([{ value: 'a-alice@home.example' }, { value: 'alice@acme.example' }]);
  });

  it('selects an extension attribute by its full URN path', async () => {
    const r = await listWith({ attributes: `${ENTERPRISE_SCHEMA}:department` });
    expect(r.id).toBe(ID[ALICE]);
    expect(r[ENTERPRISE_SCHEMA]).toEqual({ department: 'Engineering' });
    expect(r).not.toHaveProperty('userName');
  });

  it('excludedAttributes removes attributes but never id', async () => {
    const r = await listWith({ excludedAttributes: 'emails,name,id' });
    expect(r.id).toBe(ID[ALICE]);
    expect(r.userName).toBe(ALICE);
    expect(r).not.toHaveProperty('emails');
    expect(r).not.toHaveProperty('name');
    expect(r.title).toBe('Engineer');
  });

  it('never returns password, even when asked for', async () => {
    const created = await scratchUser({ password: 'S3cret!pass' });
    expect(created).not.toHaveProperty('password');
    for (const attributes of ['password', 'userName,password']) {
      const r = expectStatus(await rw.get(`/Users/${created.id}${query({ attributes })}`), 200);
      expect(r).not.toHaveProperty('password');
      expect(r.id).toBe(created.id);
    }
    const full = expectStatus(await rw.get(`/Users/${created.id}`), 200);
    expect(JSON.stringify(full)).not.toContain('S3cret');
  });

  it('applies to single-resource GETs and to write responses', async () => {
    const one = expectStatus(await ro.get(`/Users/${ID[DAVE]}?attributes=displayName,title`), 200);
    expect(one).toMatchObject({ id: ID[DAVE], title: 'SRE' });
    expect(one).not.toHaveProperty('userName');
    const created = expectStatus(
      await rw.post('/Users?attributes=userName', {
        schemas: [USER_SCHEMA],
        userName: 'projected@rw.example',
        title: 'Hidden',
      }),
      201,
    );
    expect(created).toMatchObject({ userName: 'projected@rw.example' });
    expect(created.id).toBeTruthy();
    expect(created).not.toHaveProperty('title');
  });

  it('excludedAttributes=members on groups', async () => {
    const list = expectList(await ro.get('/Groups?excludedAttributes=members'));
    expect(list.totalResults).toBe(3);
    for (const g of list.Resources) {
      expect(g).not.toHaveProperty('members');
      expect(g.id).toBeTruthy();
      expect(g.displayName).toBeTruthy();
    }
  });
});

// -------------------------------------------------------------------------------------------------

describe('meta and versions', () => {
  it('has ISO created/lastModified, the resource type and an absolute, fetchable location', async () => {
    const res = await ro.get(`/Users/${ID[ALICE]}`);
    const alice = expectStatus(res, 200);
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    expect(alice.meta.created).toMatch(iso);
    expect(alice.meta.lastModified).toMatch(iso);
    expect(alice.meta.resourceType).toBe('User');
    expect(alice.meta.location).toBe(`${ro.endpoint}/Users/${ID[ALICE]}`);
    expect(new URL(alice.meta.location).protocol).toBe('http:');
    expect(expectStatus(await ro.get(alice.meta.location), 200)).toEqual(alice);
    expect(res.headers.get('etag')).toBe(alice.meta.version);
    expect(alice.meta.version).toMatch(/^W\/".+"$/);

    const group = expectStatus(await ro.get(`/Groups/${GROUP_ID.Engineering}`), 200);
    expect(group.meta).toMatchObject({
      resourceType: 'Group',
      location: `${ro.endpoint}/Groups/${GROUP_ID.Engineering}`,
    });
  });

  it('changes version and lastModified on every write, never created', async () => {
    const u = await scratchUser();
    const versions = [u.meta.version];
    const modified = [u.meta.lastModified];
    const writes: (() => Promise<HttpResponse>)[] = [
      () => rw.patchOps(`/Users/${u.id}`, [{ op: 'replace', path: 'title', value: 'One' }]),
      () => rw.patchOps(`/Users/${u.id}`, [{ op: 'replace', value: { active: false } }]),
      () =>
        rw.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], userName: u.userName, title: 'Two' }),
      () => rw.patchOps(`/Users/${u.id}`, [{ op: 'add', path: 'nickName', value: 'Three' }]),
    ];
    for (const write of writes) {
      cloud.clock.advance(MINUTE);
      const res = await write();
      const body = expectStatus(res, 200);
      expect(res.headers.get('etag')).toBe(body.meta.version);
      expect(versions).not.toContain(body.meta.version);
      expect(Date.parse(body.meta.lastModified)).toBeGreaterThan(Date.parse(modified.at(-1)!));
      expect(body.meta.created).toBe(u.meta.created);
      versions.push(body.meta.version);
      modified.push(body.meta.lastModified);
    }
    expect(new Set(versions).size).toBe(5);
  });

  it("a group's version changes when its membership changes", async () => {
    const member = await scratchUser();
    const g = expectStatus(
      await rw.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Versioned' }),
      201,
    );
    const added = expectStatus(
      await rw.patchOps(`/Groups/${g.id}`, [
        { op: 'add', path: 'members', value: [{ value: member.id }] },
      ]),
      200,
    );
    expect(added.meta.version).not.toBe(g.meta.version);
    const removed = expectStatus(
      await rw.patchOps(`/Groups/${g.id}`, [
        { op: 'remove', path: `members[value eq "${member.id}"]` },
      ]),
      200,
    );
    expect(removed.meta.version).not.toBe(added.meta.version);
    expect(removed.members ?? []).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------------

describe('ETag preconditions', () => {
  it('If-None-Match with the current version gives 304 without a body; a stale one gives 200', async () => {
    const u = await scratchUser();
    const cur = await rw.get(`/Users/${u.id}`, { 'if-none-match': u.meta.version });
    expect(cur.status).toBe(304);
    expect(cur.text).toBe('');
    expect(cur.headers.get('etag')).toBe(u.meta.version);
    expectStatus(
      await rw.patchOps(`/Users/${u.id}`, [{ op: 'replace', path: 'title', value: 'X' }]),
      200,
    );
    const stale = await rw.get(`/Users/${u.id}`, { 'if-none-match': u.meta.version });
    expect(expectStatus(stale, 200).title).toBe('X');
  });

  it('If-Match with a stale version: 412 for PUT, PATCH and DELETE, and nothing changes', async () => {
    const u = await scratchUser();
    const stale = u.meta.version;
    const now = expectStatus(
      await rw.patchOps(`/Users/${u.id}`, [{ op: 'replace', path: 'title', value: 'Current' }]),
      200,
    );
    const h = { 'if-match': stale };
    expectScimError(
      await rw.put(`/Users/${u.id}`, { schemas: [USER_SCHEMA], userName: u.userName }, h),
      412,
    );
    expectScimError(
      await rw.patchOps(`/Users/${u.id}`, [{ op: 'replace', path: 'title', value: 'Lost' }], h),
      412,
    );
    expectScimError(await rw.delete(`/Users/${u.id}`, h), 412);
    expectScimError(await rw.patchOps(`/Users/${u.id}`, [], { 'if-match': 'W/"abc' }), 412);
    expect(expectStatus(await rw.get(`/Users/${u.id}`), 200)).toEqual(now);
  });

  it('If-Match with the current version (or *) lets the write through', async () => {
    const u = await scratchUser();
    const patched = expectStatus(
      await rw.patchOps(`/Users/${u.id}`, [{ op: 'replace', path: 'title', value: 'Matched' }], {
        'if-match': u.meta.version,
      }),
      200,
    );
    expect(patched.title).toBe('Matched');
    const put = expectStatus(
      await rw.put(
        `/Users/${u.id}`,
        { schemas: [USER_SCHEMA], userName: u.userName, title: 'Star' },
        { 'if-match': '*' },
      ),
      200,
    );
    expect(put.title).toBe('Star');
    expect((await rw.delete(`/Users/${u.id}`, { 'if-match': put.meta.version })).status).toBe(204);
  });
});

// -------------------------------------------------------------------------------------------------

describe('ETag and computed attributes', () => {
  it("a user's ETag changes when its group memberships change (groups is in its representation)", async () => {
    const u = await scratchUser();
    const g = expectStatus(
      await rw.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Computed' }),
      201,
    );
    expectStatus(
      await rw.patchOps(`/Groups/${g.id}`, [
        { op: 'add', path: 'members', value: [{ value: u.id }] },
      ]),
      200,
    );
    const after = await rw.get(`/Users/${u.id}`);
    expect(expectStatus(after, 200).groups).toMatchObject([{ value: g.id }]);
    // The representation changed, so a cached copy must not be confirmed as current.
    expect(after.headers.get('etag')).not.toBe(u.meta.version);
    const conditional = await rw.get(`/Users/${u.id}`, { 'if-none-match': u.meta.version });
    expect(conditional.status).toBe(200);
    expect(conditional.body.groups).toMatchObject([{ value: g.id }]);
  });

  it("a group's ETag changes when a member's display name changes", async () => {
    const u = await scratchUser({ displayName: 'Before Rename' });
    const g = expectStatus(
      await rw.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Displayed',
        members: [{ value: u.id }],
      }),
      201,
    );
    expect(g.members).toMatchObject([{ value: u.id, display: 'Before Rename' }]);
    expectStatus(
      await rw.patchOps(`/Users/${u.id}`, [
        { op: 'replace', path: 'displayName', value: 'After Rename' },
      ]),
      200,
    );
    const conditional = await rw.get(`/Groups/${g.id}`, { 'if-none-match': g.meta.version });
    expect(conditional.status).toBe(200);
    expect(conditional.body.members).toMatchObject([{ value: u.id, display: 'After Rename' }]);
  });

  it('of concurrent writes with the same If-Match exactly one succeeds', async () => {
    const u = await scratchUser();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        rw.patchOps(`/Users/${u.id}`, [{ op: 'replace', path: 'title', value: `t${i}` }], {
          'if-match': u.meta.version,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
  });
});

describe('PATCH details (RFC 7644 §3.5.2)', () => {
  it('making a value primary clears primary on the others', async () => {
    const u = await scratchUser();
    const added = expectStatus(
      await rw.patchOps(`/Users/${u.id}`, [
        {
          op: 'add',
          path: 'emails',
          value: [{ type: 'home', value: 'h@rw.example', primary: true }],
        },
      ]),
      200,
    );
    expect(added.emails.filter((e: Body) => e.primary === true)).toEqual([
      { type: 'home', value: 'h@rw.example', primary: true },
    ]);
    const back = expectStatus(
      await rw.patchOps(`/Users/${u.id}`, [
        { op: 'replace', path: 'emails[type eq "work"].primary', value: true },
      ]),
      200,
    );
    expect(back.emails.filter((e: Body) => e.primary === true).map((e: Body) => e.type)).toEqual([
      'work',
    ]);
  });

  it('a value filter that matches nothing is 400 noTarget for replace', async () => {
    const u = await scratchUser();
    expectScimError(
      await rw.patchOps(`/Users/${u.id}`, [
        { op: 'replace', path: 'emails[type eq "other"].value', value: 'x@rw.example' },
      ]),
      400,
      'noTarget',
    );
    expect(expectStatus(await rw.get(`/Users/${u.id}`), 200)).toEqual(u);
  });

  it('remove with a value filter removes only the matching values', async () => {
    const u = await scratchUser({
      emails: [
        { type: 'work', value: 'w@rw.example', primary: true },
        { type: 'home', value: 'h@rw.example' },
      ],
    });
    const r = expectStatus(
      await rw.patchOps(`/Users/${u.id}`, [{ op: 'remove', path: 'emails[type eq "home"]' }]),
      200,
    );
    expect(r.emails).toEqual([{ type: 'work', value: 'w@rw.example', primary: true }]);
  });

  it('path-less add merges attributes; add on a single-valued attribute replaces it', async () => {
    const u = await scratchUser();
    const r = expectStatus(
      await rw.patchOps(`/Users/${u.id}`, [
        { op: 'add', value: { title: 'Merged', name: { middleName: 'M' } } },
        { op: 'add', path: 'nickName', value: 'replaced' },
      ]),
      200,
    );
    expect(r).toMatchObject({
      title: 'Merged',
      nickName: 'replaced',
      name: { givenName: 'Scratch', familyName: u.name.familyName, middleName: 'M' },
    });
  });

  it('replacing userName with one taken by another user is 409 uniqueness', async () => {
    const a = await scratchUser();
    const b = await scratchUser();
    expectScimError(
      await rw.patchOps(`/Users/${a.id}`, [
        { op: 'replace', path: 'userName', value: b.userName.toUpperCase() },
      ]),
      409,
      'uniqueness',
    );
    expect(expectStatus(await rw.get(`/Users/${a.id}`), 200)).toEqual(a);
  });
});

describe('authentication and media types', () => {
  it('a 401 carries a WWW-Authenticate: Bearer challenge (RFC 7235 §3.1, RFC 6750 §3)', async () => {
    for (const res of [
      await scim(rw.endpoint, 'wrong').get('/Users'),
      await scim(rw.endpoint, null).get('/Users'),
    ]) {
      expectScimError(res, 401);
      expect(res.headers.get('www-authenticate') ?? '').toMatch(/^Bearer\b/i);
    }
  });

  it('accepts the auth scheme in any case, never a token in the query string', async () => {
    const token = rwToken;
    expectStatus(
      await rw.request('GET', '/Users?count=0', { headers: { authorization: `bearer ${token}` } }),
      200,
    );
    expectScimError(await scim(rw.endpoint, null).get(`/Users?access_token=${token}`), 401);
    const otherTenant = rw.endpoint.replace(/\/scim\/\d+\//, '/scim/1/');
    expectScimError(await scim(otherTenant, token).get('/Users'), 401);
  });

  it('accepts application/json as well as application/scim+json, and answers in SCIM JSON', async () => {
    const res = await rw.request('POST', '/Users', {
      body: { schemas: [USER_SCHEMA], userName: 'plainjson@rw.example' },
      contentType: 'application/json',
    });
    expectStatus(res, 201);
    expect(res.headers.get('content-type')).toContain(SCIM_JSON);
  });
});

describe('PUT replaces the whole resource', () => {
  it('clears attributes the body omits', async () => {
    const u = await scratchUser();
    expect(u).toMatchObject({
      title: 'Tester',
      nickName: 'scratchy',
      [ENTERPRISE_SCHEMA]: { department: 'QA' },
    });
    const put = expectStatus(
      await rw.put(`/Users/${u.id}`, {
        schemas: [USER_SCHEMA],
        userName: u.userName,
        name: { givenName: 'Only' },
      }),
      200,
    );
    for (const gone of ['title', 'nickName', 'emails', ENTERPRISE_SCHEMA]) {
      expect(put).not.toHaveProperty(gone);
    }
    expect(put.name).toEqual({ givenName: 'Only' });
    expect(put.schemas).toEqual([USER_SCHEMA]);
    expect(expectStatus(await rw.get(`/Users/${u.id}`), 200)).toEqual(put);
  });

  it("clears a group's members when the body omits them", async () => {
    const m = await scratchUser();
    const g = expectStatus(
      await rw.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Replaced',
        members: [{ value: m.id }],
      }),
      201,
    );
    const put = expectStatus(
      await rw.put(`/Groups/${g.id}`, { schemas: [GROUP_SCHEMA], displayName: 'Replaced 2' }),
      200,
    );
    expect(put.displayName).toBe('Replaced 2');
    expect(put.members ?? []).toEqual([]);
    expect(expectStatus(await rw.get(`/Users/${m.id}`), 200).groups ?? []).toEqual([]);
  });

  it('ignores a different id in the body (readOnly) or refuses it; the id never changes', async () => {
    const u = await scratchUser();
    const res = await rw.put(`/Users/${u.id}`, {
      schemas: [USER_SCHEMA],
      id: '00000000-0000-4000-8000-000000000000',
      userName: u.userName,
    });
    if (res.status === 200) expect(res.body.id).toBe(u.id);
    else expectScimError(res, 400, 'mutability');
    expectStatus(await rw.get(`/Users/${u.id}`), 200);
    expectScimError(await rw.get('/Users/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('ignores readOnly attributes a client sends (meta, groups)', async () => {
    const created = expectStatus(
      await rw.post('/Users', {
        schemas: [USER_SCHEMA],
        userName: 'readonly@rw.example',
        meta: { created: '2001-01-01T00:00:00Z', version: 'W/"999"' },
        groups: [{ value: 'some-group' }],
      }),
      201,
    );
    expect(created.meta.created).not.toBe('2001-01-01T00:00:00Z');
    expect(created.meta.version).not.toBe('W/"999"');
    expect(created.groups ?? []).toEqual([]);
  });

  it('refuses a body without userName, and a userName taken by another user', async () => {
    const a = await scratchUser();
    const b = await scratchUser();
    expectScimError(
      await rw.put(`/Users/${a.id}`, { schemas: [USER_SCHEMA], title: 'No name' }),
      400,
      ['invalidValue', 'invalidSyntax'],
    );
    expectScimError(
      await rw.put(`/Users/${a.id}`, {
        schemas: [USER_SCHEMA],
        userName: b.userName.toUpperCase(),
      }),
      409,
      'uniqueness',
    );
    expect(expectStatus(await rw.get(`/Users/${a.id}`), 200)).toEqual(a);
  });
});

// -------------------------------------------------------------------------------------------------

describe('unknown resources and routes', () => {
  const missing = '3b241101-e2bb-4255-8caf-4136c566a962';

  it('404 in SCIM format for unknown ids, on every method', async () => {
    for (const [type, valid] of [
      ['Users', { schemas: [USER_SCHEMA], userName: 'x@y.example' }],
      ['Groups', { schemas: [GROUP_SCHEMA], displayName: 'x' }],
    ] as const) {
      const path = `/${type}/${missing}`;
      expectScimError(await rw.get(path), 404);
      expectScimError(await rw.put(path, valid), 404);
      expectScimError(
        await rw.patchOps(path, [{ op: 'replace', path: 'displayName', value: 'x' }]),
        404,
      );
      expectScimError(await rw.delete(path), 404);
    }
  });

  it('a resource of another IdP is 404 here', async () => {
    expectScimError(await rw.get(`/Users/${ID[ALICE]}`), 404);
    expectScimError(await rw.delete(`/Groups/${GROUP_ID.Engineering}`), 404);
    expectStatus(await ro.get(`/Users/${ID[ALICE]}`), 200);
  });

  it('404 or 405 in SCIM format for routes that do not exist', async () => {
    const attempts: [string, string][] = [
      ['GET', '/Printers'],
      ['GET', `/Users/${missing}/extra`],
      ['DELETE', '/Users'],
      ['PUT', '/Groups'],
      ['POST', `/Users/${missing}`],
      ['POST', '/ServiceProviderConfig'],
      ['GET', '/Me'],
      ['POST', '/Bulk'],
      ['POST', '/Users/.search'],
    ];
    for (const [method, path] of attempts) {
      const res = await rw.request(
        method,
        path,
        method === 'GET' || method === 'DELETE' ? {} : { body: {} },
      );
      expect([404, 405, 501], `${method} ${path} -> ${res.status}: ${res.text}`).toContain(
        res.status,
      );
      expectScimError(res, res.status);
    }
  });

  it('an unknown route still needs the bearer token', async () => {
    expectScimError(await scim(rw.endpoint, 'wrong').get('/Printers'), 401);
  });
});

// -------------------------------------------------------------------------------------------------

describe('rate limit (50 writes per second per IdP, when enabled)', () => {
  it('answers 429 with Retry-After beyond the limit, for writes only, for that IdP only', async (test) => {
    const api = admin(cloud);
    expectStatus(
      await api.post('/idps', {
        name: 'Rate Limited',
        protocol: 'oidc',
        scimRateLimitEnabled: true,
      }),
      201,
    );
    const { endpoint, token } = await enableScim(cloud, 'Rate Limited');
    const limited = scim(endpoint, token);

    // Creates, and deletes of users that do not exist: writes too, which cost the server one
    // read, so that a cloud on PostgreSQL also takes writes faster than the limit.
    const started = performance.now();
    const writes = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        i % 3 === 0
          ? limited.post('/Users', { schemas: [USER_SCHEMA], userName: `burst${i}@rl.example` })
          : limited.delete(`/Users/nobody-${i}`),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const created = writes.filter((r) => r.status === 201);
    const notFound = writes.filter((r) => r.status === 404);
    const refused = writes.filter((r) => r.status === 429);
    expect(created.length + notFound.length + refused.length).toBe(150);
    // The limit itself: a full bucket, then 50 a second.
    expect(created.length + notFound.length).toBeGreaterThanOrEqual(50);
    expect(created.length + notFound.length).toBeLessThanOrEqual(50 + Math.ceil(50 * seconds));
    expect(created.length).toBeGreaterThan(0);
    if (refused.length === 0 && 150 < 50 + 50 * seconds + 10) {
      // Nothing exceeded the limit: the cloud (a busy machine, PostgreSQL) took fewer than
      // 50 writes a second, so there was nothing to refuse.
      test.skip(`the cloud answered only ${Math.round(150 / seconds)} writes a second`);
    }
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expectScimError(r, 429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Nothing refused was stored.
    const list = expectList(await limited.get('/Users?count=0'));
    expect(list.totalResults).toBe(created.length);

    // Reads are not limited, and other IdPs are not affected.
    const reads = await Promise.all(
      Array.from({ length: 60 }, () => limited.get('/Users?count=1')),
    );
    expect(reads.every((r) => r.status === 200)).toBe(true);
    expectStatus(await scratchUser().then((u) => rw.get(`/Users/${u.id}`)), 200);

    await sleep(1100);
    expectStatus(
      await limited.post('/Users', { schemas: [USER_SCHEMA], userName: 'after@rl.example' }),
      201,
    );
  });
});

// -------------------------------------------------------------------------------------------------

describe('malformed requests never cause a 500', () => {
  /** Deterministic PRNG (mulberry32) so the fuzz cases are the same on every run. */
  function prng(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const rand = prng(20_240_601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const KEYS = [
    'userName',
    'name',
    'emails',
    'active',
    'members',
    'schemas',
    'value',
    'op',
    'path',
    'Operations',
    'displayName',
    'meta',
    'id',
    '$ref',
    'urn:x',
    ENTERPRISE_SCHEMA,
    '__proto__',
  ];
  function randomJson(depth = 0): unknown {
    const kind = Math.floor(rand() * (depth > 3 ? 5 : 7));
    switch (kind) {
      case 0:
        return null;
      case 1:
        return rand() < 0.5;
      case 2:
        return pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1]);
      case 3:
        return pick(['', 'x', '"', '\\', '\u0000', '💥', 'eq', 'True', 'a'.repeat(5000)]);
      case 4:
        return pick([[], {}, [null], { '': '' }]);
      case 5:
        return Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomJson(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) o[pick(KEYS)] = randomJson(depth + 1);
        return o;
      }
    }
  }

  /** `{"givenName":{"givenName":...}}`, n levels deep, as text (JSON.stringify would overflow). */
  const deepJson = (n: number, key = 'givenName') =>
    `{"schemas":["${USER_SCHEMA}"],"userName":"deep@f.example","name":` +
    `{"${key}":`.repeat(n) +
    '"bottom"' +
    '}'.repeat(n + 1);

  let target: Body;
  let group: Body;
  /** mustFail: malformed for sure, so it must be refused with a 4xx SCIM error. */
  const results: { what: string; res: HttpResponse; mustFail: boolean }[] = [];
  const attempt = async (what: string, res: Promise<HttpResponse>, mustFail = true) => {
    results.push({ what, res: await res, mustFail });
  };

  beforeAll(async () => {
    target = await scratchUser();
    group = expectStatus(
      await rw.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Fuzzed' }),
      201,
    );
  });

  it('refuses ~60 malformed requests with 4xx SCIM errors', { timeout: 60_000 }, async () => {
    const U = [USER_SCHEMA];
    const user = `/Users/${target.id}`;
    const grp = `/Groups/${group.id}`;
    const raw = (
      method: string,
      path: string,
      rawBody: string | Uint8Array,
      contentType?: string,
    ) => rw.request(method, path, { rawBody, ...(contentType ? { contentType } : {}) });

    // Bodies that are not a resource at all.
    for (const body of ['null', '[]', '"user"', '42', 'true', '{}', '{"a":1}{"b":2}', '\u0000']) {
      await attempt(`POST /Users ${body}`, raw('POST', '/Users', body));
    }
    await attempt('empty body', raw('POST', '/Users', ''));
    await attempt('5k-deep object', raw('POST', '/Users', deepJson(5000)));
    await attempt('50k-deep object', raw('POST', '/Users', deepJson(50_000, 'x')));
    await attempt('50k-deep array', raw('POST', '/Users', '['.repeat(50_000) + ']'.repeat(50_000)));
    await attempt('50k-deep PATCH', raw('PATCH', user, deepJson(50_000, 'Operations')));
    await attempt(
      'invalid UTF-8',
      raw('POST', '/Users', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
    );
    await attempt(
      'charset latin1',
      raw('POST', '/Users', '{}', 'application/scim+json; charset=latin1'),
    );
    await attempt('multipart', raw('POST', '/Users', '--x--', 'multipart/form-data; boundary=x'));
    // Wrong types.
    for (const body of [
      { schemas: 'x', userName: 'a@f.example' },
      { schemas: [42], userName: 'a@f.example' },
      { schemas: U, userName: 123 },
      { schemas: U, userName: '' },
      { schemas: U, userName: '   ' },
      { schemas: U, userName: ['a'] },
      { schemas: U, userName: 'a@f.example', emails: 'a@f.example' },
      { schemas: U, userName: 'a@f.example', emails: [{ value: 1 }] },
      {
        schemas: U,
        userName: 'a@f.example',
        emails: [
          { value: 'a', primary: true },
          { value: 'b', primary: true },
        ],
      },
      { schemas: U, userName: 'a@f.example', name: [] },
      { schemas: U, userName: 'a@f.example', name: { givenName: { nested: true } } },
      { schemas: U, userName: 'a@f.example', active: 'maybe' },
      { schemas: U, userName: 'a@f.example', active: 1 },
      { schemas: U, userName: 'a@f.example', [ENTERPRISE_SCHEMA]: 'Sales' },
      { schemas: U, userName: 'a@f.example', x509Certificates: [{ value: {} }] },
    ]) {
      await attempt(`POST /Users ${JSON.stringify(body).slice(0, 80)}`, rw.post('/Users', body));
    }
    for (const body of [
      { schemas: [GROUP_SCHEMA], displayName: 'g', members: 'x' },
      { schemas: [GROUP_SCHEMA], displayName: 'g', members: [{ value: 123 }] },
      { schemas: [GROUP_SCHEMA], displayName: 'g', members: [{}] },
      { schemas: [GROUP_SCHEMA], displayName: 'g', members: [{ value: 'no-such-member' }] },
      {
        schemas: [GROUP_SCHEMA],
        displayName: 'g',
        members: [{ value: target.id, type: 'Printer' }],
      },
      { schemas: [GROUP_SCHEMA], displayName: 42 },
    ]) {
      await attempt(`POST /Groups ${JSON.stringify(body)}`, rw.post('/Groups', body));
    }
    // Broken PATCH messages.
    for (const body of [
      {},
      { schemas: [PATCH_OP] },
      { schemas: [PATCH_OP], Operations: 'x' },
      { schemas: [PATCH_OP], Operations: [{}] },
      { schemas: [PATCH_OP], Operations: [null] },
      { schemas: [PATCH_OP], Operations: [{ op: 'frobnicate', path: 'title', value: 'x' }] },
      {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'members[value eq', value: 'x' }],
      },
      {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'emails[type eq "work"].value.extra', value: 'x' }],
      },
      {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'active', value: { nested: 1 } }],
      },
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'userName', value: null }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'userName', value: '' }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'userName' }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 42, value: 'x' }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: 'not an object' }] },
      {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'groups', value: [{ value: group.id }] }],
      },
    ]) {
      await attempt(`PATCH user ${JSON.stringify(body)}`, rw.patch(user, body));
    }
    await attempt(
      'PATCH group with a non-member value',
      rw.patchOps(grp, [{ op: 'add', path: 'members', value: [{ value: 'nobody' }] }]),
    );
    await attempt(
      'PATCH group adding itself',
      rw.patchOps(grp, [
        { op: 'add', path: 'members', value: [{ value: group.id, type: 'Group' }] },
      ]),
    );
    // Garbage in the query string.
    for (const q of [
      `filter=${encodeURIComponent('((((((((((')}`,
      `filter=${encodeURIComponent('emails[value eq "a"]')}&filter=x`,
      `filter=${encodeURIComponent('userName eq "a" and (')}`,
      'count=1&count=2',
      'startIndex=1e400',
      'filter=%ZZ',
    ]) {
      await attempt(`GET /Users?${q.slice(0, 60)}`, rw.get(`/Users?${q}`));
    }
    // Odd but perhaps meaningful: any answer but a 5xx will do.
    for (const q of [
      `filter=${encodeURIComponent('userName eq "\u0000"')}`,
      `filter=${encodeURIComponent(`userName eq "${'x'.repeat(6000)}"`)}`,
      `filter=${encodeURIComponent('('.repeat(1000) + 'userName pr' + ')'.repeat(1000))}`,
      `sortBy=${encodeURIComponent('((')}`,
      `sortBy=${encodeURIComponent('emails[type eq "work"]')}`,
      'attributes=,,,',
      `excludedAttributes=${encodeURIComponent('urn:x:')}`,
    ]) {
      await attempt(`GET /Users?${q.slice(0, 60)}`, rw.get(`/Users?${q}`), false);
    }
    // Random JSON, from a fixed seed.
    for (let i = 0; i < 15; i++) {
      const body = randomJson();
      await attempt(`random POST #${i}`, rw.post(pick(['/Users', '/Groups']), body), false);
      await attempt(`random PATCH #${i}`, rw.patch(pick([user, grp]), body), false);
    }

    const failures = results.filter((r) => r.res.status >= 500);
    expect(failures.map((f) => `${f.what} -> ${f.res.status} ${f.res.text}`)).toEqual([]);
    const malformed = results.filter((r) => r.mustFail);
    expect(malformed.length).toBeGreaterThanOrEqual(60);
    for (const { what, res } of malformed) {
      expect(
        res.status,
        `${what} -> ${res.status} ${res.text.slice(0, 200)}`,
      ).toBeGreaterThanOrEqual(400);
      expect(res.body?.schemas, `${what}: not a SCIM error: ${res.text.slice(0, 200)}`).toEqual([
        ERROR_SCHEMA,
      ]);
      expect(res.body.status).toBe(String(res.status));
    }
    for (const { what, res } of results) {
      if (res.status >= 400) expect(res.body?.schemas, what).toEqual([ERROR_SCHEMA]);
    }
  });

  it('answers a 2 MB body with 413 in SCIM format', async () => {
    const big = JSON.stringify({
      schemas: [USER_SCHEMA],
      userName: 'big@f.example',
      title: 'x'.repeat(2 * 1024 * 1024),
    });
    expectScimError(await rw.request('POST', '/Users', { rawBody: big }), 413);
    expectScimError(await rw.request('PUT', `/Users/${target.id}`, { rawBody: big }), 413);
  });

  it('records refused requests with deeply nested bodies in the sync log too', async () => {
    const api = admin(cloud);
    expectStatus(await api.post('/idps', { name: 'Audited', protocol: 'oidc' }), 201);
    const { endpoint, token, idp } = await enableScim(cloud, 'Audited');
    const audited = scim(endpoint, token);
    const u = expectStatus(
      await audited.post('/Users', { schemas: [USER_SCHEMA], userName: 'audited@f.example' }),
      201,
    );
    expectScimError(await audited.request('POST', '/Users', { rawBody: deepJson(100) }), 400);
    expectScimError(await audited.request('POST', '/Users', { rawBody: deepJson(5000) }), 400);
    expectScimError(
      await audited.request('PATCH', `/Users/${u.id}`, { rawBody: deepJson(5000, 'Operations') }),
      400,
    );
    await eventually(async () => {
      const log = await api.syncLogs({ idpId: idp.id, limit: 10 });
      expect(log.entries.map((e) => `${e.method} ${e.status}`)).toEqual([
        'PATCH 400',
        'POST 400',
        'POST 400',
        'POST 201',
      ]);
    }, 1500);
  });

  it('stays healthy, with nothing stored by refused requests and no 500 in the sync log', async () => {
    expectStatus(await rw.get('/ServiceProviderConfig'), 200);
    expect(expectStatus(await rw.get(`/Users/${target.id}`), 200)).toEqual(target);
    const log = await admin(cloud).syncLogs({ idpId: rwIdpId, status: 500, limit: 10 });
    expect(log.total).toBe(0);
    const roLog = await admin(cloud).syncLogs({ idpId: roIdpId, status: 500, limit: 10 });
    expect(roLog.total).toBe(0);
  });
});
