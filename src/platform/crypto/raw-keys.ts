// Ed25519 and X25519 keys as raw 32-byte strings (RFC 8032, RFC 7748) and node:crypto KeyObjects.
// Raw bytes are what travels in notes, envelopes and state files; KeyObjects are what node signs with.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The two curve-25519 algorithms cityguard uses. */
export type CurveAlgorithm = 'ed25519' | 'x25519';

// DER prefixes of PKCS #8 private keys and SubjectPublicKeyInfo for each algorithm (RFC 8410 §7);
// the raw 32 bytes follow the prefix.
const PKCS8_PREFIX: Record<CurveAlgorithm, Buffer> = {
  ed25519: Buffer.from('302e020100300506032b657004220420', 'hex'),
  x25519: Buffer.from('302e020100300506032b656e04220420', 'hex'),
};
const SPKI_PREFIX: Record<CurveAlgorithm, Buffer> = {
  ed25519: Buffer.from('302a300506032b6570032100', 'hex'),
  x25519: Buffer.from('302a300506032b656e032100', 'hex'),
};

/** A key pair as raw bytes: the 32-byte private seed/scalar and the 32-byte public key. */
export interface RawKeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

function requireLength(bytes: Uint8Array, what: string): void {
  if (bytes.length !== 32) throw new RangeError(`${what} must be 32 bytes, got ${bytes.length}`);
}

/** Builds a private KeyObject from a raw 32-byte private key. */
export function privateKeyFromRaw(algorithm: CurveAlgorithm, raw: Uint8Array): KeyObject {
  requireLength(raw, `${algorithm} private key`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX[algorithm], raw]), format: 'der', type: 'pkcs8' });
}

/** Builds a public KeyObject from a raw 32-byte public key. */
export function publicKeyFromRaw(algorithm: CurveAlgorithm, raw: Uint8Array): KeyObject {
  requireLength(raw, `${algorithm} public key`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX[algorithm], raw]), format: 'der', type: 'spki' });
}

/** The raw 32 bytes of a private KeyObject of either algorithm. */
export function rawPrivateKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
}

/** The raw 32 bytes of a public KeyObject (or of the public half of a private one). */
export function rawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ format: 'der', type: 'spki' }).subarray(-32);
}

/** Generates a fresh key pair and returns it as raw bytes. */
export function generateRawKeyPair(algorithm: CurveAlgorithm): RawKeyPair {
  const { privateKey } = algorithm === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  return { privateKey: rawPrivateKey(privateKey), publicKey: rawPublicKey(privateKey) };
}

/** The raw public key belonging to a raw private key. */
export function publicKeyOfRaw(algorithm: CurveAlgorithm, rawPrivate: Uint8Array): Buffer {
  return rawPublicKey(privateKeyFromRaw(algorithm, rawPrivate));
}
