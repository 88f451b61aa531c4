// Enrollment and key-rotation requests: JSON signed by the device, then HPKE-sealed to the platform
// so the one-time token and the new keys cross the network unreadable.
//   u8 kind (0xE1 enroll, 0xE2 rotate) │ 32 enc │ HPKE ciphertext of the JSON body
import { Ed25519Signer, Ed25519Verifier, hpkeOpen, hpkeSeal, type HpkeRecipientKey } from '../../platform/crypto/index.js';
import type { DeviceIdentity, PlatformPublicKeys } from './identities.js';

const ENROLL = 0xe1;
const ROTATE = 0xe2;
const INFO = { [ENROLL]: Buffer.from('cityguard/enroll/v1\n'), [ROTATE]: Buffer.from('cityguard/rotate/v1\n') } as const;

/** What a device asks to be enrolled with. Keys and signatures are base64. */
export interface EnrollmentBody {
  deviceId: string;
  token: string;
  signingPublicKey: string;
  encryptionPublicKey: string;
  ts: number;
  /** By the new signing key over the fields above: proof the device holds it. */
  signature: string;
}

/** What a device asks to rotate to. */
export interface RotationBody {
  deviceId: string;
  fromVersion: number;
  signingPublicKey: string;
  encryptionPublicKey: string;
  ts: number;
  /** By the current (old) signing key: the request comes from the enrolled device. */
  oldSignature: string;
  /** By the new signing key: the device holds it. */
  newSignature: string;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** The exact bytes signed for an enrollment. */
export function enrollmentSigningInput(b: Omit<EnrollmentBody, 'signature'>): Buffer {
  return Buffer.concat([INFO[ENROLL], Buffer.from(JSON.stringify([b.deviceId, b.token, b.signingPublicKey, b.encryptionPublicKey, b.ts]))]);
}

/** The exact bytes signed for a rotation. */
export function rotationSigningInput(b: Omit<RotationBody, 'oldSignature' | 'newSignature'>): Buffer {
  return Buffer.concat([INFO[ROTATE], Buffer.from(JSON.stringify([b.deviceId, b.fromVersion, b.signingPublicKey, b.encryptionPublicKey, b.ts]))]);
}

function seal(kind: typeof ENROLL | typeof ROTATE, platform: PlatformPublicKeys, body: object): Buffer {
  const { enc, ciphertext } = hpkeSeal(platform.encryptionPublicKey, INFO[kind], Buffer.of(kind), Buffer.from(JSON.stringify(body)));
  return Buffer.concat([Buffer.of(kind), enc, ciphertext]);
}

/** Builds a sealed enrollment request. */
export function createEnrollmentRequest(identity: DeviceIdentity, token: string, platform: PlatformPublicKeys, ts: number): Buffer {
  const body = { deviceId: identity.deviceId, token, signingPublicKey: b64(identity.signing.publicKey), encryptionPublicKey: b64(identity.encryption.publicKey), ts };
  const signature = new Ed25519Signer(identity.signing).sign(enrollmentSigningInput(body));
  return seal(ENROLL, platform, { ...body, signature: b64(signature) });
}

/** Builds a sealed rotation request from the current identity to `next`. */
export function createRotationRequest(current: DeviceIdentity, fromVersion: number, next: DeviceIdentity, platform: PlatformPublicKeys, ts: number): Buffer {
  const body = { deviceId: current.deviceId, fromVersion, signingPublicKey: b64(next.signing.publicKey), encryptionPublicKey: b64(next.encryption.publicKey), ts };
  const input = rotationSigningInput(body);
  return seal(ROTATE, platform, {
    ...body,
    oldSignature: b64(new Ed25519Signer(current.signing).sign(input)),
    newSignature: b64(new Ed25519Signer(next.signing).sign(input)),
  });
}

/** Decrypts a request of the given kind; undefined when it is not one or does not decrypt. */
export function openRequest(kind: 'enroll' | 'rotate', recipient: HpkeRecipientKey, bytes: Uint8Array): Record<string, unknown> | undefined {
  const code = kind === 'enroll' ? ENROLL : ROTATE;
  const buf = Buffer.from(bytes);
  if (buf.length < 1 + 32 + 16 || buf[0] !== code) return undefined;
  const plaintext = hpkeOpen(recipient, buf.subarray(1, 33), INFO[code], Buffer.of(code), buf.subarray(33));
  if (!plaintext) return undefined;
  try {
    const value = JSON.parse(plaintext.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Checks an Ed25519 signature given as base64 by a key given as base64. */
export function verifyBase64Signature(publicKey: string, message: Buffer, signature: unknown): boolean {
  const key = Buffer.from(publicKey, 'base64');
  if (key.length !== 32 || typeof signature !== 'string') return false;
  try {
    return new Ed25519Verifier(key).verify(message, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
