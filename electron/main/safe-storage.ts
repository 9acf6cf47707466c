import { safeStorage } from 'electron';
import type { SecretCipher } from '../connector/host/file-secret-store.js';

/**
 * safeStorage as the session secret's cipher (Keychain, DPAPI, libsecret / kwallet). Null when
 * the OS offers no real protection (Linux without a keyring falls back to a fixed key,
 * "basic_text"): then the session is kept in memory only and a restart signs the user out.
 */
export function safeStorageCipher(): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return null;
  }
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
