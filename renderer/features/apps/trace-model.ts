/**
 * Reads the policy trace of an access decision (shared/model/policy.ts TraceEntry[]) without
 * trusting its shape: AccessDecision.trace is `unknown` on the wire, so whatever is not a
 * recognisable entry is shown raw rather than dropped.
 */
import type { CriterionTrace, TraceEntry } from '../../../shared/model/policy';
import { humanize } from '../../lib/format';
import type { Tone } from '../../store/selectors';

export interface TraceStepView {
  step: string;
  stepLabel: string;
  result: string;
  resultLabel: string;
  tone: Tone;
  message: string;
  rule: string | null;
  criteria: CriterionView[];
}

export interface CriterionView {
  condition: number | null;
  label: string;
  result: string;
  resultLabel: string;
  tone: Tone;
  reason: string;
}

const STEP_LABEL: Record<string, string> = {
  segment: 'Application segment',
  forwarding: 'Client forwarding',
  scim: 'SCIM check',
  access: 'Access policy',
  timeout: 'Timeout policy',
  result: 'Result',
};

const OPERAND_LABEL: Record<string, string> = {
  APP: 'Application segment',
  APP_GROUP: 'Segment group',
  IDP: 'Identity provider',
  CLIENT_TYPE: 'Client type',
  PLATFORM: 'Platform',
  SAML: 'SAML attribute',
  SCIM: 'SCIM attribute',
  SCIM_GROUP: 'SCIM group',
};

const GOOD = ['matched', 'allowed', 'active', 'ok', 'found', 'valid'];
const BAD = ['blocked', 'failed', 'not_found', 'expired', 'denied', 'disabled', 'implicit_block'];
const WARN = ['skipped', 'reauth_required'];

export function toneOf(result: string): Tone {
  if (GOOD.includes(result)) return 'ok';
  if (BAD.includes(result)) return 'danger';
  if (WARN.includes(result)) return 'warn';
  return 'neutral';
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function criterionLabel(c: Partial<CriterionTrace>): string {
  const type = str(c.objectType) ?? 'Criterion';
  const name = OPERAND_LABEL[type] ?? humanize(type);
  // The cloud names the ids it can (segments, segment groups, IdPs); ids are the fallback.
  const lhs = str(c.lhsName) ?? str(c.lhs) ?? '';
  const rhs = str(c.rhsName) ?? str(c.rhs) ?? '';
  const scope = str(c.idpId) ? ` (IdP ${c.idpId})` : '';
  if (type === 'PLATFORM') return `${name}: ${lhs}${scope}`;
  // SCIM_GROUP: lhs is the IdP the group belongs to, rhs the group.
  if (type === 'SCIM_GROUP') return `${name}: ${rhs} (IdP ${lhs})`;
  if (lhs === '' || lhs === 'id') return `${name}: ${rhs}${scope}`;
  return `${name}: ${lhs} = ${rhs}${scope}`;
}

function criterionView(raw: unknown): CriterionView | null {
  if (!isObject(raw)) return null;
  const c = raw as Partial<CriterionTrace>;
  const result = str(c.result) ?? 'unknown';
  return {
    condition: typeof c.condition === 'number' ? c.condition + 1 : null,
    label: criterionLabel(c),
    result,
    resultLabel: humanize(result),
    tone: toneOf(result),
    reason: str(c.reason) ?? '',
  };
}

function stepView(raw: unknown): TraceStepView | null {
  if (!isObject(raw)) return null;
  const e = raw as Partial<TraceEntry>;
  const message = str(e.message);
  if (message === null) return null;
  const step = str(e.step) ?? 'step';
  const result = str(e.result) ?? '';
  const rule =
    str(e.ruleName) !== null
      ? `${typeof e.ruleOrder === 'number' ? `Rule ${e.ruleOrder}: ` : ''}${e.ruleName}`
      : null;
  return {
    step,
    stepLabel: STEP_LABEL[step] ?? humanize(step),
    result,
    resultLabel: result ? humanize(result) : '',
    tone: toneOf(result),
    message,
    rule,
    criteria: Array.isArray(e.criteria)
      ? e.criteria.map(criterionView).filter((c): c is CriterionView => c !== null)
      : [],
  };
}

/** The steps, or null when the trace is not a list of entries (show it raw then). */
export function readTrace(trace: unknown): TraceStepView[] | null {
  if (!Array.isArray(trace)) return null;
  const steps = trace.map(stepView);
  return steps.every((s) => s !== null) ? (steps as TraceStepView[]) : null;
}
