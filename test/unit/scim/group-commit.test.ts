import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../electron/cloud/scim/group-commit.js';

describe('GroupCommit', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (v INTEGER UNIQUE)');
  const inTransaction = db.transaction(<T>(fn: () => T): T => fn());
  const transaction = <T>(fn: () => T): T => inTransaction(fn) as T;
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const values = () =>
    (db.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[]).map((r) => r.v);
  afterEach(() => db.exec('DELETE FROM t'));

  it('commits writes of one turn in one transaction, each committed before it resolves', async () => {
    const commits: number[] = [];
    const group = new GroupCommit((fn) => {
      const outer = !db.inTransaction;
      const result = transaction(fn);
      if (outer) commits.push(values().length);
      return result;
    });
    const done = [1, 2, 3].map((v) =>
      group
        .run(() => insert.run(v))
        .then(() => {
          expect(db.inTransaction).toBe(false);
          return values();
        }),
    );
    expect(await Promise.all(done)).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(commits).toEqual([3]);
  });

  it('rolls back only the write that failed; its neighbours commit', async () => {
    const group = new GroupCommit(transaction);
    const results = await Promise.allSettled([
      group.run(() => insert.run(1)),
      group.run(() => {
        insert.run(2);
        insert.run(1); // unique violation: this write, 2 included, is undone
      }),
      group.run(() => insert.run(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(values()).toEqual([1, 3]);
  });

  it('sees the earlier writes of its batch, in order', async () => {
    const group = new GroupCommit(transaction);
    const [, seen] = await Promise.all([group.run(() => insert.run(7)), group.run(values)]);
    expect(seen).toEqual([7]);
  });

  it('runs a write alone in its turn in one transaction, without a savepoint', async () => {
    let calls = 0;
    const group = new GroupCommit((fn) => {
      calls++;
      return transaction(fn);
    });
    expect(await group.run(() => insert.run(4).changes)).toBe(1);
    expect(calls).toBe(1);
    expect(values()).toEqual([4]);
  });

  it('leaves nothing of a write alone in its turn that failed', async () => {
    insert.run(1);
    const group = new GroupCommit(transaction);
    await expect(
      group.run(() => {
        insert.run(2);
        insert.run(1);
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(values()).toEqual([1]);
    expect(db.inTransaction).toBe(false);
  });
});
