import type { z } from 'zod';
import type { PolicyType } from '../../../shared/model/policy.js';
import {
  createRuleSchemas,
  patchRuleSchemas,
  type CreateRuleInput,
  type PatchRuleInput,
} from '../../../shared/contract/cloud-api/policy-input.js';
import { parseInput } from '../http/parse-input.js';

export { parseInput };

export const parseCreateRule = (type: PolicyType, body: unknown): CreateRuleInput =>
  parseInput(createRuleSchemas[type] as z.ZodType<CreateRuleInput>, body);
export const parsePatchRule = (type: PolicyType, body: unknown): PatchRuleInput =>
  parseInput(patchRuleSchemas[type] as z.ZodType<PatchRuleInput>, body);
