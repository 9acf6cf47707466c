/**
 * What the SCIM service tells the rest of the cloud after an update (`scim.changed`): whether the
 * resource's attributes changed beyond `active` decides whether the broker asks a signed-in user
 * to authenticate again (reauthOnUserUpdate), so a deactivation must not count as one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../electron/cloud/clock/clock.js';
import { CloudEvents, type CloudEventMap } from '../../../electron/cloud/events.js';
import { ScimService } from '../../../electron/cloud/scim/service.js';
import { PATCH_OP_SCHEMA, USER_SCHEMA } from '../../../electron/cloud/scim/schemas.js';
import { openSqliteStore } from '../../../electron/cloud/store/sqlite-store.js';
import type { Store } from '../../../electron/cloud/store/types.js';

type Changed = CloudEventMap['scim.changed'];

let store: Store;
let scim: ScimService;
let seen: Changed[];
const target = { idpId: 'idp-1', baseUrl: 'http://cloud.test/scim/t/idp-1/v2' };

beforeEach(() => {
  store = openSqliteStore(':memory:');
  const events = new CloudEvents();
  seen = [];
  events.on('scim.changed', (e) => seen.push(e));
  scim = new ScimService(store, new SimulatedClock(), events);
});
afterEach(() => store.close());

const user = {
  schemas: [USER_SCHEMA],
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  displayName: 'Ada Lovelace',
  active: true,
};
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });

async function created() {
  const { resource } = await scim.create('User', target, user, {});
  return resource.id;
}

describe('scim.changed after an update', () => {
  it('a deactivation is not a profile update', async () => {
    const id = await created();
    await scim.patch(
      'User',
      target,
      id,
      patch({ op: 'replace', value: { active: false } }),
      {},
      {},
    );
    const e = seen.at(-1)!;
    expect(e).toMatchObject({ change: 'updated', active: false, previousActive: true });
    expect(e.attributesChanged).toBe(false);
  });

  it('a new display name, or a password alone, is read as such', async () => {
    const id = await created();
    const rename = patch({ op: 'replace', path: 'displayName', value: 'Countess Lovelace' });
    await scim.patch('User', target, id, rename, {}, {});
    expect(seen.at(-1)!.attributesChanged).toBe(true);
    // The password is write-only and never stored: changing it changes no attribute.
    await scim.patch(
      'User',
      target,
      id,
      patch({ op: 'replace', path: 'password', value: 'x' }),
      {},
      {},
    );
    expect(seen.at(-1)!.attributesChanged).toBe(false);
  });

  it('a PUT of the same attributes is no profile update; one with a new locale is', async () => {
    const id = await created();
    await scim.replace('User', target, id, user, {}, {});
    expect(seen.at(-1)!.attributesChanged).toBe(false);
    await scim.replace('User', target, id, { ...user, locale: 'en-GB' }, {}, {});
    expect(seen.at(-1)!.attributesChanged).toBe(true);
  });

  it("each update's event carries the answer for that update", async () => {
    const id = await created();
    await scim.patch(
      'User',
      target,
      id,
      patch({ op: 'replace', path: 'locale', value: 'fr' }),
      {},
      {},
    );
    const first = seen.at(-1)!;
    await scim.patch(
      'User',
      target,
      id,
      patch({ op: 'replace', value: { active: false } }),
      {},
      {},
    );
    // Read after a later update: still the first update's answer.
    expect(first.attributesChanged).toBe(true);
    expect(seen.at(-1)!.attributesChanged).toBe(false);
  });
});
