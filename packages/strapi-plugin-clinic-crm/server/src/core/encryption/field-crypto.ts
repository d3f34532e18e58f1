/**
 * Field encryption at rest: AES-256-GCM, a fresh 96-bit IV per value, the key id stored with
 * each value so keys can be rotated. Stored form: `enc:v1:<keyId>:<base64url(iv | tag | ciphertext)>`.
 * Only node:crypto; no Strapi.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainValidationError } from '../errors';

export const PREFIX = 'enc:v1:';
const AAD = Buffer.from('clinic-crm field v1');

export interface KeyRing {
  activeKeyId: string;
  keys: Map<string, Buffer>;
}

/**
 * Parses `id1:base64key,id2:base64key` (each key 32 bytes). The active key encrypts; every key
 * listed can decrypt, so a retired key stays listed until `clinic-crm:rotate-keys` has run.
 */
export const parseKeyRing = (spec: string, activeKeyId?: string | null): KeyRing => {
  const keys = new Map<string, Buffer>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    if (i <= 0) throw new DomainValidationError('encryption.keys', 'each key must be written <id>:<base64 of 32 bytes>');
    const id = part.slice(0, i);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new DomainValidationError('encryption.keys', `key id "${id}" may use only letters, digits, _ and - (at most 32)`);
    const key = Buffer.from(part.slice(i + 1), 'base64');
    if (key.length !== 32) throw new DomainValidationError('encryption.keys', `key "${id}" must be 32 bytes (base64 of 32 random bytes), got ${key.length}`);
    if (keys.has(id)) throw new DomainValidationError('encryption.keys', `key id "${id}" is listed twice`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new DomainValidationError('encryption.keys', 'at least one key is required');
  const active = activeKeyId || [...keys.keys()][0];
  if (!keys.has(active)) throw new DomainValidationError('encryption.activeKeyId', `active key "${active}" is not among the keys`);
  return { activeKeyId: active, keys };
};

/**
 * A key ring read from configuration on every call (keys may be set after start-up in tests and
 * tools), parsed again only when the key list or the active key changes.
 */
export const keyRingFrom = (read: () => { keys: string; activeKeyId?: string | null }): (() => KeyRing) => {
  let cached: { spec: string; active: string; ring: KeyRing } | null = null;
  return () => {
    const { keys, activeKeyId } = read();
    if (!cached || cached.spec !== keys || cached.active !== (activeKeyId ?? '')) cached = { spec: keys, active: activeKeyId ?? '', ring: parseKeyRing(keys, activeKeyId) };
    return cached.ring;
  };
};

export const isEncrypted = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

export const keyIdOf = (value: string): string | null => {
  if (!isEncrypted(value)) return null;
  const rest = value.slice(PREFIX.length);
  const i = rest.indexOf(':');
  return i > 0 ? rest.slice(0, i) : null;
};

export const encryptValue = (plain: string, ring: KeyRing): string => {
  const key = ring.keys.get(ring.activeKeyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${ring.activeKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
};

export class DecryptionError extends Error {}

export const decryptValue = (stored: string, ring: KeyRing): string => {
  const id = keyIdOf(stored);
  if (!id) throw new DecryptionError('not an encrypted value');
  const key = ring.keys.get(id);
  if (!key) throw new DecryptionError(`no key "${id}" in CLINIC_CRM_ENCRYPTION_KEYS: it was removed before rotate-keys re-encrypted its values`);
  const raw = Buffer.from(stored.slice(PREFIX.length + id.length + 1), 'base64url');
  if (raw.length < 28) throw new DecryptionError('encrypted value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(AAD);
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError(`encrypted value does not authenticate with key "${id}" (tampered or wrong key)`);
  }
};

/** The development key: fixed, public, never accepted in production. */
export const DEV_KEY_RING_SPEC = `dev:${Buffer.alloc(32, 'clinic-crm-development-key-not-secret').toString('base64')}`;
