import type { ToAppSwitch } from '../../../../shared/contract/cloud-api/provisioning-views.js';
import type { IdpView } from '../../api/views';

/** The words each IdP's admin portal uses for the two fields pasted from the cloud. */
export const PASTE_LABELS: Record<IdpView['vendor'], { url: string; token: string }> = {
  okta: { url: 'SCIM connector base URL', token: 'API Token' },
  entra: { url: 'Tenant URL', token: 'Secret Token' },
  ping: { url: 'SCIM URL', token: 'Access Token' },
  generic: { url: 'SCIM connector base URL', token: 'API Token' },
};

/** Labels of the vendor options the cloud returns (unknown ones show their key). */
export const OPTION_LABELS: Record<string, string> = {
  provisionOutOfSyncUsers: 'Provision out-of-sync users (PROVISION_OUT_OF_SYNC_USERS)',
  pushEnterpriseAttributes: 'Push enterprise attributes',
  concurrency: 'Concurrent requests',
  aadOptscim062020: 'SCIM 2.0 compliance flag (aadOptscim062020)',
  removeUserAction: 'Remove user action (disable or delete)',
  updateMethod: 'Update method (put or patch)',
};

/** Okta's words for its To App switches (Provisioning > To App). */
export const TO_APP_LABELS: Record<ToAppSwitch, string> = {
  createUsers: 'Create Users',
  updateUserAttributes: 'Update User Attributes',
  deactivateUsers: 'Deactivate Users',
};
