/** The synthetic Okta directory the SCIM benchmark provisions, and the bodies Okta sends. */

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const OKTA_USER_AGENT = 'Okta SCIM Client 1.0.0';
export const DEACTIVATE_BODY = JSON.stringify({
  schemas: [PATCH_OP_SCHEMA],
  Operations: [{ op: 'replace', value: { active: false } }],
});

const GIVEN = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'Tim',
];
const FAMILY = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson'];
const PASSWORD = 'Bench-Passw0rd!';

const given = (i: number) => GIVEN[i % GIVEN.length]!;
const family = (i: number) => FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!;
export const userNameOf = (i: number) =>
  `${given(i)}.${family(i)}.${i}@bench.example.com`.toLowerCase();
/** Okta user ids: 20 characters starting with 00u. */
const oktaIdOf = (i: number) => `00u${i.toString(36).padStart(13, '0')}bn4x`;

/** Okta's create body (Okta SCIM 2.0 app, "Push New Users" with password sync). */
export const createBodyOf = (i: number, userName: string) =>
  `{"schemas":["${USER_SCHEMA}"],"userName":"${userName}","name":{"givenName":"${given(i)}",` +
  `"familyName":"${family(i)}"},"emails":[{"primary":true,"value":"${userName}","type":"work"}],` +
  `"displayName":"${given(i)} ${family(i)}","locale":"en-US","externalId":"${oktaIdOf(i)}",` +
  `"groups":[],"password":"${PASSWORD}","active":true}`;

export const filterQuery = (userName: string) =>
  `filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

/** Every other lookup varies the case: userName is caseExact=false, so eq must still match. */
export function caseVariant(userName: string, k: number): string {
  switch (k % 4) {
    case 1:
      return userName.toUpperCase();
    case 3:
      return userName.charAt(0).toUpperCase() + userName.slice(1).replace('@bench', '@Bench');
    default:
      return userName;
  }
}
