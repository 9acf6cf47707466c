export * from './codes.js';
export * from './types.js';
export * from './catalog.js';
export { CLIENT_CODES, CODE_FAMILIES } from './client-codes.js';
export {
  SCIM_INACTIVE,
  SCIM_INACTIVE_REASONS,
  SCIM_INACTIVE_VARIANTS,
  SESSION_CODES,
  type ScimInactiveReason,
} from './session-codes.js';
export { INTERNAL_TEXT, ZCC_CODES } from './zcc-codes.js';
