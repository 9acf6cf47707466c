import type { AppSummary } from '../../../shared/model/broker';
import { describeError } from '../../../shared/errors';

/** Blocked applications that share one reason (the decision's code and its catalog title). */
export interface BlockedGroup {
  code: string;
  title: string;
  apps: AppSummary[];
}

/**
 * What the user can reach first (allowed, bypassed, or reachable after authenticating), in the
 * cloud's order; the blocked ones apart, grouped by why they are blocked. A Globex user of an
 * Acme-heavy tenant would otherwise see a list of mostly Blocked rows.
 */
export function groupApps(apps: readonly AppSummary[]): {
  reachable: AppSummary[];
  blocked: BlockedGroup[];
} {
  const reachable: AppSummary[] = [];
  const blocked = new Map<string, BlockedGroup>();
  for (const app of apps) {
    if (app.decision.outcome !== 'blocked') {
      reachable.push(app);
      continue;
    }
    const { code } = app.decision;
    const group = blocked.get(code) ?? { code, title: describeError(code).title, apps: [] };
    group.apps.push(app);
    blocked.set(code, group);
  }
  return { reachable, blocked: [...blocked.values()] };
}
