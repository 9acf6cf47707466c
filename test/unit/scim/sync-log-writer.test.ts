import { describe, expect, it } from 'vitest';
import { SyncLogWriter } from '../../../electron/cloud/scim/sync-log-writer.js';
import type { NewSyncLogEntry, SyncLogStore } from '../../../electron/cloud/store/types.js';

const line = (path: string): NewSyncLogEntry => ({
  idpId: 'idp',
  at: 0,
  method: 'GET',
  path,
  entityType: 'User',
  entityName: null,
  idpEntityId: null,
  internalEntityId: null,
  status: 200,
  durationMs: 1,
  userAgent: null,
  scimType: null,
  detail: null,
  request: null,
});

/** A sync-log store whose transaction fails with `failures` errors before it works. */
function storeFailing(failures: Error[]) {
  const written: string[] = [];
  const store = {
    append: (entries: readonly NewSyncLogEntry[]) => entries.forEach((e) => written.push(e.path)),
  };
  const transaction = <T>(fn: () => T): T => {
    const failure = failures.shift();
    if (failure) throw failure;
    return fn();
  };
  return { written, store: store as unknown as SyncLogStore, transaction };
}

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('SyncLogWriter', () => {
  it('keeps the lines of a flush the database refused as busy, in order, for the next flush', () => {
    const { written, store, transaction } = storeFailing([busy()]);
    const writer = new SyncLogWriter(store, transaction, 60_000);
    writer.append(line('/a'));
    writer.append(line('/b'));
    expect(() => writer.flush()).not.toThrow();
    expect(written).toEqual([]);
    writer.append(line('/c'));
    writer.close();
    expect(written).toEqual(['/a', '/b', '/c']);
  });

  it('lets any other failure out', () => {
    const { store, transaction } = storeFailing([new Error('disk I/O error')]);
    const writer = new SyncLogWriter(store, transaction, 60_000);
    writer.append(line('/a'));
    expect(() => writer.flush()).toThrow('disk I/O error');
    writer.close();
  });
});
