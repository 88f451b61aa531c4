// Enrolled devices and outstanding enrollment tokens, in memory for the message hot path and
// written through to a StateStore (SQLite or PostgreSQL) when one is given.
import type { StateStore } from '../../platform/store/index.js';
import { Ed25519Verifier } from '../../platform/crypto/index.js';

const DEVICES = 'device-security.devices';
const TOKENS = 'device-security.tokens';

/** One enrolled device as the platform knows it. Keys are base64. */
export interface DeviceRecord {
  deviceId: string;
  /** 1 at enrollment, +1 at every key rotation. */
  keyVersion: number;
  signingPublicKey: string;
  encryptionPublicKey: string;
  status: 'active' | 'revoked';
  enrolledAt: number;
  updatedAt: number;
  revokedReason?: string;
}

/** An enrollment token, stored only as its SHA-256 (hex). */
export interface EnrollmentTokenRecord {
  tokenHash: string;
  deviceId: string;
  expiresAt: number;
}

/** Devices and tokens, with parsed verifiers cached per key version. */
export class DeviceRegistry {
  private readonly devices = new Map<string, DeviceRecord>();
  private readonly tokens = new Map<string, EnrollmentTokenRecord>();
  private readonly verifiers = new Map<string, { key: string; verifier: Ed25519Verifier }>();

  private constructor(private readonly store: StateStore | undefined) {}

  /** A registry loaded from `store` (or an in-memory one without a store). */
  static async load(store?: StateStore): Promise<DeviceRegistry> {
    const registry = new DeviceRegistry(store);
    if (store) {
      for (const { value } of await store.list<DeviceRecord>(DEVICES)) registry.devices.set(value.deviceId, value);
      for (const { value } of await store.list<EnrollmentTokenRecord>(TOKENS)) registry.tokens.set(value.tokenHash, value);
    }
    return registry;
  }

  /** The device's record, if enrolled (revoked devices included). */
  get(deviceId: string): DeviceRecord | undefined {
    return this.devices.get(deviceId);
  }

  /** Every device record. */
  list(): DeviceRecord[] {
    return [...this.devices.values()];
  }

  /** The Ed25519 verifier of the device's current signing key (parsed once per key). */
  verifier(record: DeviceRecord): Ed25519Verifier {
    const cached = this.verifiers.get(record.deviceId);
    if (cached && cached.key === record.signingPublicKey) return cached.verifier;
    const verifier = new Ed25519Verifier(Buffer.from(record.signingPublicKey, 'base64'));
    this.verifiers.set(record.deviceId, { key: record.signingPublicKey, verifier });
    return verifier;
  }

  /** Stores a device record. */
  async put(record: DeviceRecord): Promise<void> {
    await this.store?.put(DEVICES, record.deviceId, record);
    this.devices.set(record.deviceId, record);
  }

  /** Stores a token record. */
  async putToken(record: EnrollmentTokenRecord): Promise<void> {
    await this.store?.put(TOKENS, record.tokenHash, record);
    this.tokens.set(record.tokenHash, record);
  }

  /** The token record for a hash, without consuming it. */
  token(tokenHash: string): EnrollmentTokenRecord | undefined {
    return this.tokens.get(tokenHash);
  }

  /** Removes a token (used, or expired). */
  async deleteToken(tokenHash: string): Promise<void> {
    await this.store?.delete(TOKENS, tokenHash);
    this.tokens.delete(tokenHash);
  }
}
