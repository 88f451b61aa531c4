// Who signs and who decrypts. A device holds an Ed25519 key (signs its telemetry sessions,
// enrollment and rotation requests) and an X25519 key (commands are sealed to it); the platform
// holds the same pair (signs commands; telemetry is sealed to it). Keys travel as base64 JSON.
import { createHash } from 'node:crypto';
import { generateRawKeyPair, type RawKeyPair } from '../../platform/crypto/index.js';

/** A device's secret identity, kept on the device. */
export interface DeviceIdentity {
  deviceId: string;
  signing: RawKeyPair;
  encryption: RawKeyPair;
}

/** The platform's secret identity, kept by the runtime (never in a device). */
export interface PlatformIdentity {
  signing: RawKeyPair;
  encryption: RawKeyPair;
}

/** What devices are provisioned with: the platform's public keys. */
export interface PlatformPublicKeys {
  signingPublicKey: Uint8Array;
  encryptionPublicKey: Uint8Array;
}

const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** True for ids usable in envelopes: 1–128 characters of letters, digits and . _ : -. */
export function isValidDeviceId(id: string): boolean {
  return DEVICE_ID.test(id) && Buffer.byteLength(id) <= 128;
}

/** A fresh device identity. */
export function generateDeviceIdentity(deviceId: string): DeviceIdentity {
  if (!isValidDeviceId(deviceId)) throw new RangeError(`device id "${deviceId}" is not 1–128 of [A-Za-z0-9._:-]`);
  return { deviceId, signing: generateRawKeyPair('ed25519'), encryption: generateRawKeyPair('x25519') };
}

/** A fresh platform identity. */
export function generatePlatformIdentity(): PlatformIdentity {
  return { signing: generateRawKeyPair('ed25519'), encryption: generateRawKeyPair('x25519') };
}

/** The public half of a platform identity. */
export function platformPublicKeys(identity: PlatformIdentity): PlatformPublicKeys {
  return { signingPublicKey: identity.signing.publicKey, encryptionPublicKey: identity.encryption.publicKey };
}

/** A short, stable id of a public key: the first 4 bytes of its SHA-256, as in envelopes. */
export function keyId(publicKey: Uint8Array): Buffer {
  return createHash('sha256').update(publicKey).digest().subarray(0, 4);
}

/** Hex fingerprint of a public key for logs and ledger entries (first 8 bytes of SHA-256). */
export function keyFingerprint(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest().subarray(0, 8).toString('hex');
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: unknown, what: string): Buffer => {
  const out = typeof s === 'string' ? Buffer.from(s, 'base64') : Buffer.alloc(0);
  if (out.length !== 32) throw new RangeError(`${what} is not base64 of 32 bytes`);
  return out;
};
const pair = (p: RawKeyPair) => ({ privateKey: b64(p.privateKey), publicKey: b64(p.publicKey) });
const unpair = (p: unknown, what: string): RawKeyPair => {
  const o = (p ?? {}) as Record<string, unknown>;
  return { privateKey: unb64(o['privateKey'], `${what}.privateKey`), publicKey: unb64(o['publicKey'], `${what}.publicKey`) };
};

/** Serialises an identity (device or platform) to JSON text for a key file. */
export function exportIdentity(identity: DeviceIdentity | PlatformIdentity): string {
  const base = { signing: pair(identity.signing), encryption: pair(identity.encryption) };
  return JSON.stringify('deviceId' in identity ? { deviceId: identity.deviceId, ...base } : base);
}

/** Parses a platform identity written by `exportIdentity`. */
export function importPlatformIdentity(text: string): PlatformIdentity {
  const o = JSON.parse(text) as Record<string, unknown>;
  return { signing: unpair(o['signing'], 'signing'), encryption: unpair(o['encryption'], 'encryption') };
}

/** Parses a device identity written by `exportIdentity`. */
export function importDeviceIdentity(text: string): DeviceIdentity {
  const o = JSON.parse(text) as Record<string, unknown>;
  const deviceId = String(o['deviceId'] ?? '');
  if (!isValidDeviceId(deviceId)) throw new RangeError('device identity has no valid deviceId');
  return { deviceId, signing: unpair(o['signing'], 'signing'), encryption: unpair(o['encryption'], 'encryption') };
}
