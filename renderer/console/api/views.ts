/**
 * The console's names for the answers it reads. Each is the output type of the route's
 * response schema in the cloud's contract (CLOUD_ROUTES): nothing here restates a field.
 */
import type { z } from 'zod';
import type { CLOUD_ROUTES, CloudRouteName } from '../../../shared/contract/cloud-api/index.js';

/** What route N answers, as its contract schema describes it. */
export type Answer<N extends CloudRouteName> = (typeof CLOUD_ROUTES)[N] extends {
  response: infer S extends z.ZodType;
}
  ? z.output<S>
  : never;

export type IdpView = Answer<'getIdp'>;
export type ClockView = Answer<'clock'>;
export type ProgressView = Answer<'provisioningProgress'>;
export type SessionView = Answer<'listSessions'>[number];

/** A SCIM ListResponse (RFC 7644 §3.4.2) of users or groups. */
export type ScimList<T> = Omit<Answer<'listScimUsers'>, 'Resources'> & { Resources: T[] };
export type ScimUserView = Answer<'getScimUser'>;
export type ScimGroupView = Answer<'getScimGroup'>;

export type ProvisioningConfigView = Answer<'provisioningConfig'>;
export type TestConnectionView = Answer<'testProvisioningConnection'>;
export type ProvisioningStatusView = Answer<'provisioningStatus'>;
export type ProvisioningObjectView = ProvisioningStatusView['users'][number];

export type DirectoryUserView = Answer<'getDirectoryUser'>;
export type DirectoryGroupView = Answer<'getDirectoryGroup'>;
export type AssignmentsView = Answer<'listAssignments'>;
