import { isUniqueViolation } from './sql-db.js';
import type {
  AppSegment,
  PolicyRule,
  PolicyRuleByType,
  PolicyType,
  SegmentGroup,
} from '../../../shared/model/policy.js';
import type { Db } from './database.js';
import { UniquenessViolation, type PeerChannel, type PolicyStore } from './types.js';

const VERSION_KEY = 'version';

/** A name taken in its table (groups, segments, or one policy set) is a UniquenessViolation. */
function unique<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new UniquenessViolation(name);
    }
    throw e;
  }
}

/**
 * The policy tables (migration 3): segment groups, segments and rules as JSON documents, a rule's
 * position in its set in rule_order (1..n), the policy version in policy_meta.
 */
export class SqlitePolicyStore implements PolicyStore {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly peers: PeerChannel,
  ) {
    this.s = {
      groups: db.prepare<[], { doc: string }>('SELECT doc FROM policy_segment_groups ORDER BY seq'),
      group: db.prepare<[string], { doc: string }>(
        'SELECT doc FROM policy_segment_groups WHERE id = ?',
      ),
      putGroup: db.prepare<[string, string, string]>(
        `INSERT INTO policy_segment_groups (id, name_lc, doc) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name_lc = excluded.name_lc, doc = excluded.doc`,
      ),
      removeGroup: db.prepare<[string]>('DELETE FROM policy_segment_groups WHERE id = ?'),
      segments: db.prepare<[], { doc: string }>('SELECT doc FROM policy_segments ORDER BY seq'),
      segment: db.prepare<[string], { doc: string }>(
        'SELECT doc FROM policy_segments WHERE id = ?',
      ),
      putSegment: db.prepare<[string, string, string, string]>(
        `INSERT INTO policy_segments (id, name_lc, segment_group_id, doc) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name_lc = excluded.name_lc,
           segment_group_id = excluded.segment_group_id, doc = excluded.doc`,
      ),
      removeSegment: db.prepare<[string]>('DELETE FROM policy_segments WHERE id = ?'),
      rules: db.prepare<[string], { doc: string; rule_order: number }>(
        'SELECT doc, rule_order FROM policy_rules WHERE policy_type = ? ORDER BY rule_order, seq',
      ),
      rule: db.prepare<[string, string], { doc: string; rule_order: number }>(
        'SELECT doc, rule_order FROM policy_rules WHERE policy_type = ? AND id = ?',
      ),
      count: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM policy_rules WHERE policy_type = ?',
      ),
      shiftDown: db.prepare<[string, number]>(
        'UPDATE policy_rules SET rule_order = rule_order + 1 WHERE policy_type = ? AND rule_order >= ?',
      ),
      shiftUp: db.prepare<[string, number]>(
        'UPDATE policy_rules SET rule_order = rule_order - 1 WHERE policy_type = ? AND rule_order > ?',
      ),
      insertRule: db.prepare<[string, string, string, number, string]>(
        'INSERT INTO policy_rules (policy_type, id, name_lc, rule_order, doc) VALUES (?, ?, ?, ?, ?)',
      ),
      updateRule: db.prepare<[string, string, string, string]>(
        'UPDATE policy_rules SET name_lc = ?, doc = ? WHERE policy_type = ? AND id = ?',
      ),
      removeRule: db.prepare<[string, string]>(
        'DELETE FROM policy_rules WHERE policy_type = ? AND id = ?',
      ),
      setOrder: db.prepare<[number, string, string]>(
        'UPDATE policy_rules SET rule_order = ? WHERE policy_type = ? AND id = ?',
      ),
      getMeta: db.prepare<[string], { value: string }>(
        'SELECT value FROM policy_meta WHERE key = ?',
      ),
      // One statement: two instances bumping at once each count (a read then a write lost one),
      // and on PostgreSQL the row stays locked until the bumping transaction ends.
      bump: db.prepare<[], { value: string }>(
        `INSERT INTO policy_meta (key, value) VALUES ('${VERSION_KEY}', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(policy_meta.value AS INTEGER) + 1 AS TEXT)
         RETURNING value`,
      ),
    };
  }

  segmentGroups(): SegmentGroup[] {
    return this.s.groups.all().map((r) => JSON.parse(r.doc) as SegmentGroup);
  }

  segmentGroup(id: string): SegmentGroup | undefined {
    const row = this.s.group.get(id);
    return row ? (JSON.parse(row.doc) as SegmentGroup) : undefined;
  }

  putSegmentGroup(group: SegmentGroup): void {
    unique(group.name, () =>
      this.s.putGroup.run(group.id, group.name.toLowerCase(), JSON.stringify(group)),
    );
  }

  removeSegmentGroup(id: string): boolean {
    return this.s.removeGroup.run(id).changes === 1;
  }

  segments(): AppSegment[] {
    return this.s.segments.all().map((r) => JSON.parse(r.doc) as AppSegment);
  }

  segment(id: string): AppSegment | undefined {
    const row = this.s.segment.get(id);
    return row ? (JSON.parse(row.doc) as AppSegment) : undefined;
  }

  putSegment(segment: AppSegment): void {
    unique(segment.name, () =>
      this.s.putSegment.run(
        segment.id,
        segment.name.toLowerCase(),
        segment.segmentGroupId,
        JSON.stringify(segment),
      ),
    );
  }

  removeSegment(id: string): boolean {
    return this.s.removeSegment.run(id).changes === 1;
  }

  rules<T extends PolicyType>(type: T): PolicyRuleByType[T][] {
    return this.s.rules
      .all(type)
      .map((r, i) => ({ ...(JSON.parse(r.doc) as PolicyRuleByType[T]), ruleOrder: i + 1 }));
  }

  rule<T extends PolicyType>(type: T, id: string): PolicyRuleByType[T] | undefined {
    const row = this.s.rule.get(type, id);
    return row
      ? { ...(JSON.parse(row.doc) as PolicyRuleByType[T]), ruleOrder: row.rule_order }
      : undefined;
  }

  countRules(type: PolicyType): number {
    return this.s.count.get(type)!.n;
  }

  insertRule(type: PolicyType, rule: PolicyRule): void {
    this.db.transaction(() => {
      const order = Math.min(Math.max(1, rule.ruleOrder), this.countRules(type) + 1);
      this.s.shiftDown.run(type, order);
      unique(rule.name, () =>
        this.s.insertRule.run(type, rule.id, rule.name.toLowerCase(), order, docOf(rule)),
      );
    })();
  }

  updateRule(type: PolicyType, rule: PolicyRule): void {
    unique(rule.name, () =>
      this.s.updateRule.run(rule.name.toLowerCase(), docOf(rule), type, rule.id),
    );
  }

  removeRule(type: PolicyType, id: string): boolean {
    return this.db.transaction(() => {
      const row = this.s.rule.get(type, id);
      if (!row) return false;
      this.s.removeRule.run(type, id);
      this.s.shiftUp.run(type, row.rule_order);
      return true;
    })();
  }

  reorder(type: PolicyType, ids: readonly string[]): void {
    this.db.transaction(() => {
      ids.forEach((id, i) => this.s.setOrder.run(i + 1, type, id));
    })();
  }

  version(): number {
    return Number(this.s.getMeta.get(VERSION_KEY)?.value ?? 0);
  }

  bumpVersion(): number {
    const next = Number(this.s.bump.get()!.value);
    // The other instances' compiled policies are keyed by version too (policy/decider.ts).
    this.peers.publish('policy', String(next));
    return next;
  }
}

/** The stored document: everything but the position, which lives in rule_order. */
function docOf(rule: PolicyRule): string {
  const { ruleOrder: _order, ...doc } = rule;
  return JSON.stringify(doc);
}
