import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SecretStore, SessionSecret } from '../core/session-store.js';

/** Encrypts the secret file (Electron's safeStorage: Keychain, DPAPI, libsecret / kwallet). */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/** The secret file of one cloud under `<dir>/secrets/`. */
export function secretFileFor(dir: string, cloudKey: string): string {
  const name = createHash('sha256').update(cloudKey).digest('hex').slice(0, 16);
  return join(dir, 'secrets', `${name}.secret`);
}

/**
 * The session secret in an owner-only file, encrypted when a cipher is given (Electron's
 * safeStorage); without one (the web shell), plain JSON readable only by the user, like an
 * SSH key.
 */
export class FileSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher | null = null,
  ) {}

  async load(): Promise<SessionSecret | null> {
    let data: Buffer;
    try {
      data = await readFile(this.file);
    } catch {
      return null;
    }
    try {
      const text = this.cipher ? this.cipher.decrypt(data) : data.toString('utf8');
      const s = JSON.parse(text) as Partial<SessionSecret>;
      return typeof s.sessionToken === 'string' && typeof s.username === 'string'
        ? { sessionToken: s.sessionToken, username: s.username }
        : null;
    } catch {
      // unreadable (another user's keyring, a corrupted file): as if signed out
      return null;
    }
  }

  async save(secret: SessionSecret): Promise<void> {
    const text = JSON.stringify({ sessionToken: secret.sessionToken, username: secret.username });
    const data = this.cipher ? this.cipher.encrypt(text) : Buffer.from(text, 'utf8');
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.file);
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
