/** The policy engine (domain.md §2): what the rest of the cloud imports. */
export { BYPASSED_CODE, policyAccessDecider, toAccessDecision } from './access-decider.js';
export { compilePolicy, type CompiledPolicy } from './compile.js';
export type { IdpPolicySettings, PolicySubject, ScimSubject } from './criteria.js';
export {
  decide,
  decideForSegment,
  DEFAULT_BLOCK_MESSAGE,
  type DecideOptions,
  type DecisionInput,
} from './engine.js';
export { formatDuration } from './rule-match.js';
export { policyAdminRoutes } from './routes.js';
export { seedDemoPolicies, type SeededPolicies } from './seed.js';
export type { PolicySessionContext } from './decider.js';
export { PolicyService, type PolicySummary } from './service.js';
export { bindDemoScimGroups } from './demo-scim-groups.js';
