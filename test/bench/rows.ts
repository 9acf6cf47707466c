/**
 * The rows the README's performance table must always have, in the issues' order (issue 12, then
 * issue 13's PostgreSQL rows), each with its goal: the one place their wording and goals are
 * written. A benchmark names the row it
 * measures (`rowFigure`); `npm run bench:table` prints every row here, "not measured" when the
 * run's JSON lacks it, and `npm run bench` exits 1 when one is missing, so the table cannot lose a
 * row silently. Figures without a row (SAML sign-in, ...) follow these rows.
 */
import type { Figure } from './results.js';

export interface RowSpec {
  /** The benchmark (run-all.ts's name) that measures it. */
  benchmark: string;
  measure: string;
  goal: string;
}

export const ROWS = {
  lookups: {
    benchmark: 'scim',
    measure: '`userName eq` lookups',
    goal: '≥ 45 % of the ceiling',
  },
  lookupsBig: {
    benchmark: 'scim',
    measure: '`userName eq` lookups, after the grow',
    goal: '≥ 45 % of the ceiling',
  },
  lookupP50: { benchmark: 'scim', measure: '`userName eq` lookup p50', goal: 'flat' },
  lookupP50Big: {
    benchmark: 'scim',
    measure: '`userName eq` lookup p50, after the grow',
    goal: 'flat',
  },
  lookupP99: { benchmark: 'scim', measure: '`userName eq` lookup p99', goal: '< 5 ms' },
  lookupP99Big: {
    benchmark: 'scim',
    measure: '`userName eq` lookup p99, after the grow',
    goal: '< 5 ms, flat',
  },
  creates: {
    benchmark: 'scim',
    measure: 'Okta-style creates (GET + POST)',
    goal: '≥ 45 % of the ceiling',
  },
  deactivations: {
    benchmark: 'scim',
    measure: 'PATCH `active=false`',
    goal: '≥ 35 % of the ceiling',
  },
  oktaPush: {
    benchmark: 'okta-push',
    measure: 'Okta push of 100,000 assigned users, rate limit off',
    goal: '< 60 s, with a live progress figure',
  },
  webShellFirstPaint: {
    benchmark: 'web-shell',
    measure: 'web shell start → first paint, bundled cloud',
    goal: '< 1,000 ms',
  },
  policyService: {
    benchmark: 'policy',
    measure: 'policy service (full trace, as the broker asks), decisions/s big vs small pool',
    goal: '≥ 0.9×',
  },
  wal: {
    benchmark: 'scim',
    measure: 'SCIM WAL peak during the run',
    goal: 'bounded',
  },
  // Issue 13: the SCIM benchmark on PostgreSQL, one and two instances, beside SQLite.
  scimPostgresCreates: {
    benchmark: 'scim-postgres',
    measure: 'Okta-style creates (GET + POST) on PostgreSQL',
    goal: 'beside SQLite (no goal set)',
  },
  scimPostgresLookups: {
    benchmark: 'scim-postgres',
    measure: '`userName eq` lookups on PostgreSQL',
    goal: 'beside SQLite (no goal set)',
  },
  scimPostgresDeactivations: {
    benchmark: 'scim-postgres',
    measure: 'PATCH `active=false` on PostgreSQL',
    goal: 'beside SQLite (no goal set)',
  },
} as const satisfies Record<string, RowSpec>;

export type RowId = keyof typeof ROWS;
export const ROW_IDS = Object.keys(ROWS) as RowId[];

/** A figure for one of the rows: its wording and goal come from ROWS. */
export function rowFigure(
  row: RowId,
  figure: Omit<Figure, 'measure' | 'goal' | 'row'> & { detail?: string },
): Figure {
  const { detail, ...rest } = figure;
  const spec = ROWS[row];
  return {
    row,
    measure: detail ? `${spec.measure} (${detail})` : spec.measure,
    goal: spec.goal,
    ...rest,
  };
}

/** The rows no figure of the run stands for. */
export function missingRows(figures: readonly Figure[]): RowId[] {
  const present = new Set(figures.map((f) => f.row));
  return ROW_IDS.filter((id) => !present.has(id));
}
