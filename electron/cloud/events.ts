import { EventEmitter } from 'node:events';
import type { IdpConfig } from '../../shared/model/idp.js';

/**
 * What happened in the cloud, for the parts that react to it (the broker pushes revocations and
 * reauth requests, IdP push clients, the admin console). Emitted after the change is committed.
 */
export interface CloudEventMap {
  'idp.created': { idp: IdpConfig };
  'idp.changed': { idp: IdpConfig; fields: string[]; previous: IdpConfig };
  'idp.deleted': { idpId: string };
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
  };
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
