// Ed25519 and X25519 keys as raw 32-byte strings (RFC 8032, RFC 7748) and node:crypto KeyObjects.
// Raw bytes are what travels in notes, envelopes and state files; KeyObjects are what node signs with.
// New keys come out of generateKeyPairSync already encoded, never as KeyObjects: on Node 20 the
// key-generation job it leaves to the garbage collector locks the key's mutex in its destructor, and
// when that collection happens inside an export or use of the same KeyObject (which holds the mutex
// while it allocates) the process deadlocks — seen as a CI run hung for good. Encoded, the fresh
// key is shared with nothing; the KeyObjects built from its bytes have a lock of their own.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type ED25519KeyPairOptions, type KeyObject, type X25519KeyPairOptions } from 'node:crypto';

/** The two curve-25519 algorithms cityguard uses. */
export type CurveAlgorithm = 'ed25519' | 'x25519';

// DER prefix of PKCS #8 private keys for each algorithm (RFC 8410 §7); the raw 32 bytes follow it.
const PKCS8_PREFIX: Record<CurveAlgorithm, Buffer> = {
  ed25519: Buffer.from('302e020100300506032b657004220420', 'hex'),
  x25519: Buffer.from('302e020100300506032b656e04220420', 'hex'),
};

/** A key pair as raw bytes: the 32-byte private seed/scalar and the 32-byte public key. */
export interface RawKeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

function requireLength(bytes: Uint8Array, what: string): void {
  if (bytes.length !== 32) throw new RangeError(`${what} must be 32 bytes, got ${bytes.length}`);
}

const CURVE_NAME: Record<CurveAlgorithm, string> = { ed25519: 'Ed25519', x25519: 'X25519' };
const b64url = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');

/**
 * Builds a private KeyObject from a raw 32-byte private key. With the public key at hand the JWK
 * form (RFC 8037) is used: on this Node/OpenSSL it imports ~10× faster than PKCS #8 DER.
 */
export function privateKeyFromRaw(algorithm: CurveAlgorithm, raw: Uint8Array, publicKey?: Uint8Array): KeyObject {
  requireLength(raw, `${algorithm} private key`);
  if (publicKey !== undefined) {
    requireLength(publicKey, `${algorithm} public key`);
    return createPrivateKey({ key: { kty: 'OKP', crv: CURVE_NAME[algorithm], d: b64url(raw), x: b64url(publicKey) }, format: 'jwk' });
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX[algorithm], raw]), format: 'der', type: 'pkcs8' });
}

/** Builds a public KeyObject from a raw 32-byte public key (JWK import: the fast path here). */
export function publicKeyFromRaw(algorithm: CurveAlgorithm, raw: Uint8Array): KeyObject {
  requireLength(raw, `${algorithm} public key`);
  return createPublicKey({ key: { kty: 'OKP', crv: CURVE_NAME[algorithm], x: b64url(raw) }, format: 'jwk' });
}

/** The raw 32 bytes of a private KeyObject of either algorithm. */
export function rawPrivateKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).d ?? '', 'base64url');
}

/** The raw 32 bytes of a public KeyObject, or of the public half of a private one. */
export function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x ?? '', 'base64url');
}

/** Both halves of a new pair as DER (see the top of this file for why never as KeyObjects). */
const DER: ED25519KeyPairOptions<'der', 'der'> & X25519KeyPairOptions<'der', 'der'> = {
  privateKeyEncoding: { format: 'der', type: 'pkcs8' },
  publicKeyEncoding: { format: 'der', type: 'spki' },
};

/** Generates a fresh key pair and returns it as raw bytes. */
export function generateRawKeyPair(algorithm: CurveAlgorithm): RawKeyPair {
  const pair = algorithm === 'ed25519' ? generateKeyPairSync('ed25519', DER) : generateKeyPairSync('x25519', DER);
  // Both encodings end with the raw 32 bytes (RFC 8410 §§4, 7).
  return { privateKey: Buffer.from(pair.privateKey.subarray(-32)), publicKey: Buffer.from(pair.publicKey.subarray(-32)) };
}

/** The raw public key belonging to a raw private key. */
export function publicKeyOfRaw(algorithm: CurveAlgorithm, rawPrivate: Uint8Array): Buffer {
  return rawPublicKey(privateKeyFromRaw(algorithm, rawPrivate));
}
