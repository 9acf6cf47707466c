import type { Db } from './database.js';
import type { PresenceStore } from './instance-state-types.js';

/** The push_presence table (migration 8): one row per session and instance holding its channel. */
export class SqlitePresenceStore implements PresenceStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      attached: db.prepare<[string, string, number]>(
        `INSERT INTO push_presence (session_id, instance, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (session_id, instance) DO UPDATE SET expires_at = excluded.expires_at`,
      ),
      detached: db.prepare<[string, string]>(
        'DELETE FROM push_presence WHERE session_id = ? AND instance = ?',
      ),
      renew: db.prepare<[number, string]>(
        'UPDATE push_presence SET expires_at = ? WHERE instance = ?',
      ),
      clear: db.prepare<[string]>('DELETE FROM push_presence WHERE instance = ?'),
      connected: db.prepare<[number], { session_id: string }>(
        'SELECT DISTINCT session_id FROM push_presence WHERE expires_at > ? ORDER BY session_id',
      ),
      // Rows of an instance gone for good (killed, never restarted) would otherwise stay forever.
      prune: db.prepare<[number]>('DELETE FROM push_presence WHERE expires_at <= ?'),
    };
  }

  attached(sessionId: string, instance: string, expiresAt: number): void {
    this.s.attached.run(sessionId, instance, expiresAt);
  }

  detached(sessionId: string, instance: string): void {
    this.s.detached.run(sessionId, instance);
  }

  renew(instance: string, now: number, expiresAt: number): void {
    this.s.renew.run(expiresAt, instance);
    this.s.prune.run(now);
  }

  clear(instance: string): void {
    this.s.clear.run(instance);
  }

  connected(now: number): string[] {
    return this.s.connected.all(now).map((r) => r.session_id);
  }
}
