/**
 * The admin API of the policy engine (/api/admin): segment groups, application segments,
 * access / forwarding / timeout rules in order, and the what-if evaluation.
 */
import { z } from '../zod.js';
import {
  createSegmentGroupSchema,
  createSegmentSchema,
  evaluateSchema,
  patchSegmentGroupSchema,
  patchSegmentSchema,
  reorderSchema,
} from './policy-input.js';
import {
  appSegmentView,
  decisionView,
  namedRuleView,
  policySummaryView,
  segmentGroupView,
} from './policy-views.js';
import { routes } from './route.js';

const id = z.string().min(1).max(256);
const idParams = z.object({ id }).strict();
/** The policy type is checked by the service (an unknown one is a 404, like an unknown rule). */
const typeParams = z.object({ type: z.string().min(1).max(32) }).strict();
const ruleParams = z.object({ type: z.string().min(1).max(32), id }).strict();
/** A rule of the path's type: its schema depends on {type}, so the service checks it. */
const ruleBody = z.unknown().describe('an access, forwarding or timeout rule (see the README)');

export const policyRoutes = routes({
  listSegmentGroups: {
    method: 'GET',
    path: '/api/admin/segment-groups',
    auth: 'admin',
    summary: 'Segment groups',
    response: z.array(segmentGroupView),
  },
  createSegmentGroup: {
    method: 'POST',
    path: '/api/admin/segment-groups',
    auth: 'admin',
    summary: 'Create a segment group',
    status: 201,
    body: createSegmentGroupSchema,
    response: segmentGroupView,
  },
  getSegmentGroup: {
    method: 'GET',
    path: '/api/admin/segment-groups/{id}',
    auth: 'admin',
    summary: 'One segment group',
    params: idParams,
    response: segmentGroupView,
  },
  updateSegmentGroup: {
    method: 'PATCH',
    path: '/api/admin/segment-groups/{id}',
    auth: 'admin',
    summary: 'Change a segment group',
    params: idParams,
    body: patchSegmentGroupSchema,
    response: segmentGroupView,
  },
  deleteSegmentGroup: {
    method: 'DELETE',
    path: '/api/admin/segment-groups/{id}',
    auth: 'admin',
    summary: 'Delete a segment group (409 while in use)',
    status: 204,
    params: idParams,
  },
  listSegments: {
    method: 'GET',
    path: '/api/admin/segments',
    auth: 'admin',
    summary: 'Application segments',
    response: z.array(appSegmentView),
  },
  createSegment: {
    method: 'POST',
    path: '/api/admin/segments',
    auth: 'admin',
    summary: 'Create an application segment',
    status: 201,
    body: createSegmentSchema,
    response: appSegmentView,
  },
  getSegment: {
    method: 'GET',
    path: '/api/admin/segments/{id}',
    auth: 'admin',
    summary: 'One application segment',
    params: idParams,
    response: appSegmentView,
  },
  updateSegment: {
    method: 'PATCH',
    path: '/api/admin/segments/{id}',
    auth: 'admin',
    summary: 'Change an application segment',
    params: idParams,
    body: patchSegmentSchema,
    response: appSegmentView,
  },
  deleteSegment: {
    method: 'DELETE',
    path: '/api/admin/segments/{id}',
    auth: 'admin',
    summary: 'Delete an application segment (409 while in use)',
    status: 204,
    params: idParams,
  },
  policySummary: {
    method: 'GET',
    path: '/api/admin/policies',
    auth: 'admin',
    summary: 'Policy version, limits, counts and defaults',
    response: policySummaryView,
  },
  evaluatePolicy: {
    method: 'POST',
    path: '/api/admin/policies/evaluate',
    auth: 'admin',
    summary: 'What-if decision (with trace) for a session-like subject and a request',
    body: evaluateSchema,
    response: decisionView,
  },
  listRules: {
    method: 'GET',
    path: '/api/admin/policies/{type}',
    auth: 'admin',
    summary: 'The rules of one policy type, in order',
    params: typeParams,
    response: z.array(namedRuleView),
  },
  createRule: {
    method: 'POST',
    path: '/api/admin/policies/{type}',
    auth: 'admin',
    summary: 'Create a rule (ruleOrder inserts at a position, default last)',
    status: 201,
    params: typeParams,
    body: ruleBody,
    response: namedRuleView,
  },
  reorderRules: {
    method: 'POST',
    path: '/api/admin/policies/{type}/reorder',
    auth: 'admin',
    summary: 'Reorder the rules: every id of the set in the new order',
    params: typeParams,
    body: reorderSchema,
    response: z.array(namedRuleView),
  },
  getRule: {
    method: 'GET',
    path: '/api/admin/policies/{type}/{id}',
    auth: 'admin',
    summary: 'One rule',
    params: ruleParams,
    response: namedRuleView,
  },
  updateRule: {
    method: 'PATCH',
    path: '/api/admin/policies/{type}/{id}',
    auth: 'admin',
    summary: 'Change a rule (ruleOrder moves it)',
    params: ruleParams,
    body: ruleBody,
    response: namedRuleView,
  },
  deleteRule: {
    method: 'DELETE',
    path: '/api/admin/policies/{type}/{id}',
    auth: 'admin',
    summary: 'Delete a rule',
    status: 204,
    params: ruleParams,
  },
});
