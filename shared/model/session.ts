import type { IdpProtocol } from './idp.js';

/** The connector session a sign-in produced, as the connector sees it (no token hash). */
export interface ConnectorSessionView {
  id: string;
  idpId: string;
  idpName: string;
  protocol: IdpProtocol;
  userName: string;
  deviceId: string;
  attributes: Record<string, string[]>;
  authTime: string;
  createdAt: string;
  /**
   * The SCIM check made at sign-in while the IdP's SCIM Sync is on: 'active' (in the SCIM
   * database and active), 'absent' (not synced: the Okta sync error) or 'inactive'
   * (deactivated); 'not_applicable' while SCIM Sync is off. 'absent' and 'inactive' make app
   * access fail with BRK_MT_SETUP_FAIL_SCIM_INACTIVE.
   */
  scimStatus: 'not_applicable' | 'active' | 'absent' | 'inactive';
}

/** What a sign-in returns to the connector: the session and its bearer token (shown once). */
export interface IssuedSession {
  sessionToken: string;
  session: ConnectorSessionView;
}
