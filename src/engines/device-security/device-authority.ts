// The platform's authority over device identities: issues one-time enrollment tokens, enrolls,
// rotates and revokes devices, and returns for each change the event the runtime appends to the
// ledger (kinds device.token-issued, device.enrolled, device.key-rotated, device.revoked).
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock/index.js';
import { HpkeRecipientKey } from '../../platform/crypto/index.js';
import type { DeviceRecord, DeviceRegistry } from './device-registry.js';
import { enrollmentSigningInput, openRequest, rotationSigningInput, verifyBase64Signature } from './device-requests.js';
import { deviceNotEnrolled, enrollmentRejected, rotationRejected } from './errors.js';
import { isValidDeviceId, keyFingerprint, type PlatformIdentity } from './identities.js';

/** A change to record in the ledger; shaped like the ledger's `LedgerAppend`. */
export interface TrustEvent {
  kind: string;
  ts: number;
  payload: Record<string, unknown>;
}

/** Tunables of the authority. */
export interface DeviceAuthorityOptions {
  clock: Clock;
  /** Lifetime of an enrollment token (default 24 h). */
  tokenTtlMs?: number;
  /** Largest accepted age or lead of a request's timestamp (default 10 minutes). */
  maxRequestSkewMs?: number;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const isKey = (v: unknown) => typeof v === 'string' && Buffer.from(v, 'base64').length === 32;

/** Enrolls, rotates and revokes devices. */
export class DeviceAuthority {
  private readonly recipient: HpkeRecipientKey;

  constructor(
    private readonly registry: DeviceRegistry,
    platform: PlatformIdentity,
    private readonly options: DeviceAuthorityOptions,
  ) {
    this.recipient = new HpkeRecipientKey(platform.encryption.privateKey);
  }

  /** Issues a one-time token for `deviceId`; the token itself is returned once and stored hashed. */
  async issueToken(deviceId: string, issuedBy = 'system'): Promise<{ token: string; expiresAt: number; event: TrustEvent }> {
    if (!isValidDeviceId(deviceId)) throw enrollmentRejected('malformed', `device id "${deviceId}" is not valid`, deviceId);
    const now = this.options.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + (this.options.tokenTtlMs ?? 86_400_000);
    await this.registry.putToken({ tokenHash: tokenHash(token), deviceId, expiresAt });
    const event = { kind: 'device.token-issued', ts: now, payload: { deviceId, tokenId: tokenHash(token).slice(0, 16), expiresAt, issuedBy } };
    return { token, expiresAt, event };
  }

  /** Enrolls a device from its sealed request; throws CG_DEVICE_ENROLLMENT_REJECTED with the reason. */
  async enroll(request: Uint8Array): Promise<{ device: DeviceRecord; event: TrustEvent }> {
    const body = openRequest('enroll', this.recipient, request);
    if (!body) throw enrollmentRejected('undecryptable', 'request is not sealed to this platform or is damaged');
    const { deviceId, token, signingPublicKey, encryptionPublicKey, ts, signature } = body;
    if (typeof deviceId !== 'string' || typeof token !== 'string' || !isKey(signingPublicKey) || !isKey(encryptionPublicKey) || typeof ts !== 'number') {
      throw enrollmentRejected('malformed', 'request fields are missing or malformed');
    }
    const now = this.checkFresh(ts, (r, d) => enrollmentRejected(r, d, deviceId));
    const record = this.registry.token(tokenHash(token));
    if (!record) throw enrollmentRejected('unknown-token', 'token unknown or already used', deviceId);
    if (record.expiresAt < now) throw enrollmentRejected('token-expired', 'token expired', deviceId);
    if (record.deviceId !== deviceId) throw enrollmentRejected('token-for-other-device', 'token was issued for another device', deviceId);
    const previous = this.registry.get(deviceId);
    if (previous?.status === 'active') throw enrollmentRejected('already-enrolled', 'device is already enrolled; rotate its keys instead', deviceId);
    const input = enrollmentSigningInput({ deviceId, token, signingPublicKey: signingPublicKey as string, encryptionPublicKey: encryptionPublicKey as string, ts });
    if (!verifyBase64Signature(signingPublicKey as string, input, signature)) throw enrollmentRejected('bad-signature', 'request not signed by the key it enrolls', deviceId);
    await this.registry.deleteToken(record.tokenHash);
    // A re-enrolled (previously revoked) device gets a version never used before, so anything sealed
    // or cached under its old keys stays refused.
    const keyVersion = (previous?.keyVersion ?? 0) + 1;
    const device: DeviceRecord = {
      deviceId,
      keyVersion,
      signingPublicKey: signingPublicKey as string,
      encryptionPublicKey: encryptionPublicKey as string,
      status: 'active',
      enrolledAt: now,
      updatedAt: now,
    };
    await this.registry.put(device);
    return { device, event: { kind: 'device.enrolled', ts: now, payload: { deviceId, keyVersion, ...this.fingerprints(device), tokenId: record.tokenHash.slice(0, 16) } } };
  }

  /** Rotates a device to new keys from its sealed request, signed by both old and new keys. */
  async rotate(request: Uint8Array): Promise<{ device: DeviceRecord; event: TrustEvent }> {
    const body = openRequest('rotate', this.recipient, request);
    if (!body) throw rotationRejected('undecryptable', 'request is not sealed to this platform or is damaged');
    const { deviceId, fromVersion, signingPublicKey, encryptionPublicKey, ts, oldSignature, newSignature } = body;
    if (typeof deviceId !== 'string' || typeof fromVersion !== 'number' || !isKey(signingPublicKey) || !isKey(encryptionPublicKey) || typeof ts !== 'number') {
      throw rotationRejected('malformed', 'request fields are missing or malformed');
    }
    const now = this.checkFresh(ts, (r, d) => rotationRejected(r, d, deviceId));
    const current = this.registry.get(deviceId);
    if (!current) throw rotationRejected('not-enrolled', 'device is not enrolled', deviceId);
    if (current.status === 'revoked') throw rotationRejected('revoked', 'device is revoked; enroll it again with a new token', deviceId);
    if (current.keyVersion !== fromVersion) throw rotationRejected('wrong-key-version', `request rotates from ${fromVersion}; current is ${current.keyVersion}`, deviceId);
    const input = rotationSigningInput({ deviceId, fromVersion, signingPublicKey: signingPublicKey as string, encryptionPublicKey: encryptionPublicKey as string, ts });
    if (!verifyBase64Signature(current.signingPublicKey, input, oldSignature) || !verifyBase64Signature(signingPublicKey as string, input, newSignature)) {
      throw rotationRejected('bad-signature', 'request must be signed by the current and the new key', deviceId);
    }
    const device: DeviceRecord = { ...current, keyVersion: fromVersion + 1, signingPublicKey: signingPublicKey as string, encryptionPublicKey: encryptionPublicKey as string, updatedAt: now };
    await this.registry.put(device);
    return { device, event: { kind: 'device.key-rotated', ts: now, payload: { deviceId, fromVersion, keyVersion: device.keyVersion, ...this.fingerprints(device) } } };
  }

  /** Revokes a device: its envelopes are refused from now on. */
  async revoke(deviceId: string, reason: string, revokedBy = 'system'): Promise<{ device: DeviceRecord; event: TrustEvent }> {
    const current = this.registry.get(deviceId);
    if (!current) throw deviceNotEnrolled(deviceId, 'is not enrolled');
    const now = this.options.clock.now();
    const device: DeviceRecord = { ...current, status: 'revoked', revokedReason: reason, updatedAt: now };
    await this.registry.put(device);
    return { device, event: { kind: 'device.revoked', ts: now, payload: { deviceId, keyVersion: device.keyVersion, reason, revokedBy } } };
  }

  private checkFresh(ts: number, fail: (reason: 'stale', detail: string) => Error): number {
    const now = this.options.clock.now();
    if (Math.abs(now - ts) > (this.options.maxRequestSkewMs ?? 600_000)) throw fail('stale', `request time ${ts} is too far from now`);
    return now;
  }

  private fingerprints(d: DeviceRecord): Record<string, string> {
    return {
      signingKey: keyFingerprint(Buffer.from(d.signingPublicKey, 'base64')),
      encryptionKey: keyFingerprint(Buffer.from(d.encryptionPublicKey, 'base64')),
    };
  }
}
