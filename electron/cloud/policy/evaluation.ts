/** One policy decision in the making (engine.ts runs the steps). */
import type {
  Decision,
  DecisionCode,
  DecisionOutcome,
  StatusClass,
  TraceEntry,
} from '../../../shared/model/policy.js';
import type { CompiledPolicy } from './compile.js';
import type { IdpPolicySettings } from './criteria.js';
import type { DecideOptions, DecisionInput } from './engine.js';
import { normalizeHost } from './segments.js';

const STATUS: Record<DecisionCode, StatusClass> = {
  OPEN_OR_ACTIVE_CONNECTION: 'Success',
  BRK_MT_SETUP_FAIL_APP_NOT_FOUND: 'Error',
  BRK_MT_SETUP_FAIL_SCIM_INACTIVE: 'Error',
  BRK_MT_SETUP_FAIL_REJECTED_BY_POLICY: 'PolicyBlock',
  BRK_MT_SETUP_FAIL_NO_POLICY_FOUND: 'PolicyBlock',
  BRK_MT_SETUP_FAIL_SAML_EXPIRED: 'reauthBlock',
};

/** One decision in the making: what it has found so far, its trace, and how it ends. */
export class Evaluation {
  readonly trace: TraceEntry[] = [];
  readonly tracing: boolean;
  readonly idp: IdpPolicySettings;
  readonly protocol: 'TCP' | 'UDP';
  /** `host:port/protocol`, for messages. */
  readonly target: string;
  segment: Decision['segment'] = null;
  forwarding: Decision['forwarding'] = null;
  access: Decision['access'] = null;
  timeout: Decision['timeout'] = null;
  /** The forwarding rule that forwards only allowed apps (INTERCEPT_ACCESIBLE), if it applies. */
  onlyAllowedBy: string | null = null;

  constructor(
    readonly policy: CompiledPolicy,
    readonly input: DecisionInput,
    options: DecideOptions,
  ) {
    this.tracing = options.trace !== false;
    const { request, subject } = input;
    this.idp = input.idp ?? {
      id: subject.idpId,
      name: `(deleted IdP ${subject.idpId})`,
      samlAttributesForPolicy: false,
      scimSyncEnabled: false,
      scimAttributesForPolicy: false,
    };
    this.protocol = request.protocol ?? 'TCP';
    this.target = `${normalizeHost(request.fqdn)}:${request.port}/${this.protocol}`;
  }

  note(e: TraceEntry): void {
    if (this.tracing) this.trace.push(e);
  }

  /** The trace rule evaluation writes to (none when not tracing). */
  get ruleTrace(): TraceEntry[] | null {
    return this.tracing ? this.trace : null;
  }

  finish(outcome: DecisionOutcome, code: DecisionCode | null, message: string): Decision {
    this.trace.push({
      step: 'result',
      result: outcome,
      message: code ? `${code}: ${message}` : message,
    });
    return {
      outcome,
      code,
      statusClass: code ? STATUS[code] : 'Info',
      message,
      segment: this.segment,
      forwarding: this.forwarding,
      access: this.access,
      timeout: this.timeout,
      policyVersion: this.policy.version,
      trace: this.trace,
    };
  }

  bypassed(message: string): Decision {
    return this.finish('bypassed', null, message);
  }

  /** Blocked, or not forwarded at all when the forwarding rule forwards only allowed apps. */
  blocked(code: DecisionCode, message: string): Decision {
    const rule = this.onlyAllowedBy;
    if (rule === null) return this.finish('blocked', code, message);
    this.note({
      step: 'forwarding',
      result: 'not_forwarded',
      message: `Forwarding rule "${rule}" forwards only allowed applications and access policy answers ${code}: the app is not forwarded`,
    });
    return this.bypassed(
      `${this.target} is not forwarded to Private Access: forwarding rule "${rule}" forwards only applications access policy allows, and it does not allow this one. ${message}`,
    );
  }
}
