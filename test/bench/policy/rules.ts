/**
 * The policy benchmark's rules: RULES access rules drawn from weighted templates that mix APP,
 * APP_GROUP, SAML, SCIM, SCIM_GROUP, IDP, CLIENT_TYPE and PLATFORM criteria, 50 forwarding and 30
 * timeout rules, created through the PolicyService in one transaction.
 */
import { scimAttributeId } from '../../../electron/cloud/policy/scim-attributes.js';
import type { PolicyService } from '../../../electron/cloud/policy/service.js';
import type { Store } from '../../../electron/cloud/store/types.js';
import type { AppSegment, PolicyCondition, PolicyOperand } from '../../../shared/model/policy.js';
import { DEPARTMENTS, TEAMS, TITLES, scimGroupId } from './directory.js';
import { RULES } from './options.js';
import type { Pick } from './world.js';

export interface RuleTargets {
  segments: AppSegment[];
  /** Segment group ids. */
  groups: string[];
  oktaId: string;
  entraId: string;
}

type Operands = ReturnType<typeof operands>;

/** The criteria the rules are made of; `app` and `appGroup` pick a segment or a group. */
function operands({ segments, groups, oktaId }: RuleTargets, pick: Pick) {
  const or = (...operands: PolicyOperand[]): PolicyCondition => ({ operator: 'OR', operands });
  const and = (...operands: PolicyOperand[]): PolicyCondition => ({ operator: 'AND', operands });
  const app = (): PolicyOperand => ({ objectType: 'APP', lhs: 'id', rhs: pick(segments).id });
  const appGroup = (): PolicyOperand => ({ objectType: 'APP_GROUP', lhs: 'id', rhs: pick(groups) });
  const saml = (lhs: string, rhs: string): PolicyOperand => ({ objectType: 'SAML', lhs, rhs });
  // SCIM criteria hold ids, as the cloud's: the attribute definition's, the SCIM group's.
  const scim = (path: string, rhs: string): PolicyOperand => {
    const lhs = scimAttributeId(oktaId, path);
    if (!lhs) throw new Error(`no SCIM attribute ${path}`);
    return { objectType: 'SCIM', idpId: oktaId, lhs, rhs };
  };
  const scimGroup = (name: string): PolicyOperand => ({
    objectType: 'SCIM_GROUP',
    lhs: oktaId,
    rhs: scimGroupId(name),
  });
  const idp = (id: string): PolicyOperand => ({ objectType: 'IDP', lhs: 'id', rhs: id });
  const platform = (lhs: string): PolicyOperand => ({ objectType: 'PLATFORM', lhs, rhs: 'true' });
  return { or, and, app, appGroup, saml, scim, scimGroup, idp, platform };
}

/**
 * [weight, rule body] of the access rules: department apps, team apps, contractor blocks, device
 * checks, AND'ed SAML + SCIM, IdP-wide apps, global IdP rules, SCIM department.
 */
function accessTemplates(
  { oktaId, entraId }: RuleTargets,
  { or, and, app, appGroup, saml, scim, scimGroup, idp, platform }: Operands,
  rand: () => number,
  pick: Pick,
): [number, () => Record<string, unknown>][] {
  return [
    [
      35,
      () => {
        const dept = pick(DEPARTMENTS);
        const apps = Array.from({ length: 1 + Math.floor(rand() * 3) }, app);
        return { conditions: [or(...apps), or(saml('department', dept), scimGroup(dept))] };
      },
    ],
    [
      20,
      () => {
        const team = pick(TEAMS);
        return { conditions: [or(appGroup()), or(saml('groups', team), scimGroup(team))] };
      },
    ],
    [
      10,
      () => ({
        action: 'DENY',
        customMsg: 'Contractors cannot use this application.',
        conditions: [or(app()), or(scim('userType', 'Contractor'))],
      }),
    ],
    [
      10,
      () => ({
        conditions: [
          or(appGroup()),
          or({ objectType: 'CLIENT_TYPE', lhs: 'id', rhs: 'zpn_client_type_zapp' }),
          or(platform('windows'), platform('mac')),
          or(saml('department', pick(DEPARTMENTS))),
        ],
      }),
    ],
    [
      10,
      () => ({
        conditions: [
          or(app()),
          and(saml('department', pick(DEPARTMENTS)), scim('title', pick(TITLES))),
        ],
      }),
    ],
    [5, () => ({ conditions: [or(app(), app()), or(idp(pick([oktaId, entraId])))] })],
    [
      5,
      () => ({
        action: rand() < 0.5 ? 'DENY' : 'ALLOW',
        conditions: [or(idp(pick([oktaId, entraId]))), or(saml('department', pick(DEPARTMENTS)))],
      }),
    ],
    [
      5,
      () => ({
        conditions: [or(app()), or(scim('department', pick(DEPARTMENTS)))],
      }),
    ],
  ];
}

export function createRules(
  store: Store,
  policy: PolicyService,
  targets: RuleTargets,
  rand: () => number,
  pick: Pick,
): void {
  const o = operands(targets, pick);
  const { or, app, appGroup, saml, scimGroup, idp, platform } = o;
  const { entraId } = targets;
  const templates = accessTemplates(targets, o, rand, pick);
  const total = templates.reduce((n, [w]) => n + w, 0);
  const template = () => {
    let r = rand() * total;
    for (const [w, make] of templates) if ((r -= w) < 0) return make();
    return templates[0]![1]();
  };
  store.transaction(() => {
    for (let i = 0; i < RULES; i++) {
      policy.createRule('access', { name: `access ${i}`, ...template() });
    }
    for (let i = 0; i < 50; i++) {
      const kind = i % 10;
      policy.createRule('forwarding', {
        name: `forwarding ${i}`,
        action: kind === 0 ? 'BYPASS' : kind === 1 ? 'INTERCEPT_ACCESIBLE' : 'INTERCEPT',
        conditions:
          kind === 0
            ? [or(app()), or(platform('linux'))]
            : kind === 1
              ? [or(appGroup()), or(idp(entraId))]
              : [or(appGroup()), or(saml('department', pick(DEPARTMENTS)))],
      });
    }
    for (let i = 0; i < 30; i++) {
      const team = pick(TEAMS);
      policy.createRule('timeout', {
        name: `timeout ${i}`,
        conditions: [or(appGroup()), or(saml('groups', team), scimGroup(team))],
        reauthTimeoutSeconds: pick([8 * 3600, 86400, 2 * 86400]),
        idleTimeoutSeconds: 3600,
      });
    }
  });
}
