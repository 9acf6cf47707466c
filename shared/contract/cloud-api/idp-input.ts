/** Admin API input for IdP configurations (POST and PATCH /api/admin/idps). */
import { z } from 'zod';
import { IDP_PROTOCOLS, IDP_VENDORS } from '../../model/idp.js';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'not a domain name');

export const editableIdpFields = {
  name: z.string().trim().min(1).max(128),
  domains: z.array(domain).max(100),
  enabled: z.boolean(),
  samlAttributesForPolicy: z.boolean(),
  scimSyncEnabled: z.boolean(),
  scimAttributesForPolicy: z.boolean(),
  scimRateLimitEnabled: z.boolean(),
};

export const createIdpSchema = z
  .object({
    ...editableIdpFields,
    protocol: z.enum(IDP_PROTOCOLS),
    vendor: z.enum(IDP_VENDORS).default('generic'),
    domains: editableIdpFields.domains.default([]),
    enabled: editableIdpFields.enabled.default(true),
    samlAttributesForPolicy: editableIdpFields.samlAttributesForPolicy.default(false),
    scimSyncEnabled: editableIdpFields.scimSyncEnabled.default(false),
    scimAttributesForPolicy: editableIdpFields.scimAttributesForPolicy.default(false),
    scimRateLimitEnabled: editableIdpFields.scimRateLimitEnabled.default(false),
  })
  .strict();

export const patchIdpSchema = z.object(editableIdpFields).partial().strict();

export type CreateIdpInput = z.input<typeof createIdpSchema>;
export type PatchIdpInput = z.input<typeof patchIdpSchema>;
