import type { StoredResource } from '../../../electron/cloud/store/types.js';

/** A stored SCIM user of the store suites: active, version 1, `extra` over it. */
export const storedUser = (
  id: string,
  name: string,
  extra: Partial<StoredResource> = {},
): StoredResource => ({
  id,
  name,
  externalId: null,
  active: true,
  version: 1,
  created: 1_700_000_000_000,
  lastModified: 1_700_000_000_000,
  attributes: { userName: name },
  ...extra,
});
