/**
 * Where, in the real product, an admin finds what the simulator's insight view shows an end user
 * (domain.md §1.5, §7): the real client shows none of it.
 */
export const VISIBLE_TO_ADMIN_IN = {
  /** Session status codes, causes and fixes. */
  diagnostics:
    "the admin portal's diagnostics (the session status codes of the LSS user activity and app connection logs)",
  /** The policy's decision for an application. */
  policy: "the admin portal's access policy and its diagnostics (the user activity logs)",
  /** The IdP, the SCIM user database, SCIM for policy, the push channel. */
  directory: "the admin portal's IdP configuration and its SCIM user and sync logs",
} as const;

export type InsightTopic = keyof typeof VISIBLE_TO_ADMIN_IN;
