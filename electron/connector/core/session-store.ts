/** Where a host keeps the session token between runs (safeStorage in Electron, a 0600 file, memory). */
export interface SessionSecret {
  sessionToken: string;
  username: string;
}

export interface SecretStore {
  load(): Promise<SessionSecret | null>;
  save(secret: SessionSecret): Promise<void>;
  clear(): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  private secret: SessionSecret | null = null;
  async load() {
    return this.secret;
  }
  async save(secret: SessionSecret) {
    this.secret = secret;
  }
  async clear() {
    this.secret = null;
  }
}
