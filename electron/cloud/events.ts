import { EventEmitter } from 'node:events';
import type { IdpConfig } from '../../shared/model/idp.js';
import type { DirectoryChange } from './idp/directory/types.js';
import type { ProvisioningObjectChange } from './idp/provisioning/types.js';

/**
 * What happened in the cloud, for the parts that react to it (the broker pushes revocations and
 * reauth requests, IdP push clients, the admin console). Emitted after the change is committed.
 */
export interface CloudEventMap {
  'idp.created': { idp: IdpConfig };
  'idp.changed': { idp: IdpConfig; fields: string[]; previous: IdpConfig };
  'idp.deleted': { idpId: string };
  'idp.certificateRotated': { idpId: string };
  /** A browser sign-in was refused; the connector is told with this code (auth/sessions.ts). */
  'signIn.failed': { idpId: string | null; userName: string; code: string; message: string };
  /** The IdP behind a configuration was changed (new certificate); its NameID may differ. */
  'idp.replaced': { idpId: string; nameIdChanged: boolean };
  /** A sign-in produced a connector session (auth/sessions.ts). */
  'session.created': { sessionId: string; idpId: string; userName: string; deviceId: string };
  'scim.changed': {
    idpId: string;
    resourceType: 'User' | 'Group';
    id: string;
    change: 'created' | 'updated' | 'deleted';
    /** userName (User) or displayName (Group), before and after. */
    name: string;
    previousName?: string;
    active?: boolean;
    previousActive?: boolean;
    /** An update changed the resource's attributes beyond `active` (a profile update). */
    attributesChanged?: boolean;
    /**
     * A user's write only: whether the user (under its previous name) had a connector session
     * not revoked when the write committed (store.auth.liveSessionAtCommit, read inside the
     * write's transaction); absent where the store could not tell. False lets the broker skip
     * reading the user's sessions, which most writes of a provisioning run would find none of.
     */
    signedIn?: boolean;
  };
  /** A bundled IdP's directory changed (idp/directory); the SCIM push clients react to it. */
  'directory.changed': DirectoryChange;
  /** The push state of a directory object changed (idp/provisioning), e.g. now provisioned. */
  'provisioning.objectChanged': ProvisioningObjectChange;
  /** The scenario on show (scenarios/stage.ts) started, ran a step, or ended. */
  'scenario.changed': { scenario: string | null };
  /** Segments, segment groups or policy rules changed (policy/); version keys compiled policy. */
  'policy.changed': { version: number };
}

export class CloudEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many connectors may subscribe in later issues; the default cap of 10 would only warn.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends keyof CloudEventMap>(name: K, payload: CloudEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof CloudEventMap>(
    name: K,
    listener: (payload: CloudEventMap[K]) => void,
  ): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
