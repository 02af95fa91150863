/**
 * The desktop's replica key, wrapped by the OS keychain through Electron's safeStorage
 * (macOS Keychain, Windows DPAPI, Linux Secret Service or KWallet) in `replica.key`. On Linux
 * without a keychain safeStorage falls back to `basic_text`, a hard-coded password: that is
 * refused, and the app says why (or MESA_REPLICA_KEY supplies the key).
 * No `electron` import here: src/main/index.ts passes safeStorage in.
 */
import fs from 'node:fs';
import {
  asideName,
  parseHexKey,
  ReplicaKeyError,
  writePrivateFile,
  type ReplicaKeyStore,
} from '../db/replica-key';

/** The part of Electron's safeStorage this needs. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  getSelectedStorageBackend?(): string;
};

type WrappedKeyFile = { format: 'safeStorage'; backend: string | null; wrapped: string };

export function safeStorageKeyStore(
  file: string,
  safeStorage: SafeStorageLike,
  options: { platform?: NodeJS.Platform; now?: () => Date } = {},
): ReplicaKeyStore {
  const platform = options.platform ?? process.platform;
  const now = options.now ?? (() => new Date());
  const backend = () =>
    platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? null) : null;
  const requireKeychain = () => {
    const selected = backend();
    if (!safeStorage.isEncryptionAvailable() || selected === 'basic_text') {
      throw new ReplicaKeyError(
        'keychain_unavailable',
        `no OS keychain to wrap the replica key (safeStorage backend: ${selected ?? 'unavailable'})`,
      );
    }
    return selected;
  };
  const write = (key: Buffer, selected: string | null) => {
    const content: WrappedKeyFile = {
      format: 'safeStorage',
      backend: selected,
      wrapped: safeStorage.encryptString(key.toString('hex')).toString('base64'),
    };
    writePrivateFile(file, `${JSON.stringify(content)}\n`);
  };
  return {
    where: `${file} (safeStorage)`,
    load() {
      let raw: Buffer;
      try {
        raw = fs.readFileSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          requireKeychain();
          return null;
        }
        throw error;
      }
      requireKeychain();
      // A data folder first used by the web door or a test holds the key in hex: wrap it now.
      const plain = parseHexKey(raw.toString('utf8'));
      if (plain) {
        write(plain, requireKeychain());
        return plain;
      }
      try {
        const parsed = JSON.parse(raw.toString('utf8')) as WrappedKeyFile;
        const key = parseHexKey(safeStorage.decryptString(Buffer.from(parsed.wrapped, 'base64')));
        if (key) return key;
      } catch {
        // fall through: the keychain no longer has what wrapped this key
      }
      throw new ReplicaKeyError('key_unreadable', `the keychain cannot unwrap ${file}`);
    },
    save(key) {
      const selected = requireKeychain();
      // A wrapped key this keychain could not open may open again elsewhere: kept, not replaced.
      if (fs.existsSync(file)) fs.renameSync(file, asideName(file, now()));
      write(key, selected);
    },
  };
}
