import type { Db } from './database.js';
import type { ClockOffsetStore } from './instance-state-types.js';

/** The clock_offset table (migration 7): the simulated clock's one offset. */
export class SqliteClockStore implements ClockOffsetStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare<[], { offset_ms: number }>('SELECT offset_ms FROM clock_offset WHERE id = 1'),
      set: db.prepare<[number]>('UPDATE clock_offset SET offset_ms = ? WHERE id = 1'),
      // One statement: two instances advancing at once both count.
      add: db.prepare<{ ms: number; real: number; max: number }, { offset_ms: number }>(
        `UPDATE clock_offset SET offset_ms = offset_ms + @ms
         WHERE id = 1 AND @real + offset_ms + @ms <= @max RETURNING offset_ms`,
      ),
    };
  }

  get(): number {
    return this.s.get.get()?.offset_ms ?? 0;
  }

  set(offsetMs: number): void {
    this.s.set.run(offsetMs);
  }

  add(ms: number, realNowMs: number, maxNowMs: number): number | undefined {
    return this.s.add.get({ ms, real: realNowMs, max: maxNowMs })?.offset_ms;
  }
}
