/**
 * The desktop keeps this device's own secret (issue 11) the way it keeps the central API's
 * tokens: encrypted by the OS keychain through Electron's safeStorage, in the user-data folder,
 * so a copy of the data folder taken to another machine does not carry it. Without a keychain
 * it falls back to the owner-only file the web door uses (a secret lost at each start would
 * make the device enrol anew every time). No `electron` import: index.ts passes safeStorage in.
 */
import fs from 'node:fs';
import { writePrivateFile } from '../db/replica-key';
import {
  fileDeviceSecretStore,
  type DeviceCredentials,
  type DeviceSecretStore,
} from '../sync/device-enrolment';
import type { SafeStorageLike } from './safe-storage-key-store';

export function safeStorageDeviceSecretStore(
  file: string,
  safeStorage: SafeStorageLike,
  fallbackFile: string,
): DeviceSecretStore {
  if (!safeStorage.isEncryptionAvailable()) return fileDeviceSecretStore(fallbackFile);
  return {
    load() {
      try {
        const text = safeStorage.decryptString(
          Buffer.from(fs.readFileSync(file, 'utf8'), 'base64'),
        );
        const parsed = JSON.parse(text) as DeviceCredentials;
        return typeof parsed.deviceId === 'string' && typeof parsed.secret === 'string'
          ? parsed
          : null;
      } catch {
        return null;
      }
    },
    save(credentials) {
      if (credentials === null) {
        fs.rmSync(file, { force: true });
        return;
      }
      const sealed = safeStorage.encryptString(JSON.stringify(credentials)).toString('base64');
      writePrivateFile(file, sealed);
    },
  };
}
