// Ed25519 signing (RFC 8032) with KeyObjects built once per key, so hot paths pay only for the curve.
import { sign, verify, type KeyObject } from 'node:crypto';
import { generateRawKeyPair, privateKeyFromRaw, publicKeyFromRaw, type RawKeyPair } from './raw-keys.js';

/** Signs with one Ed25519 private key. */
export class Ed25519Signer {
  readonly publicKey: Uint8Array;
  private readonly key: KeyObject;

  constructor(keys: RawKeyPair) {
    this.key = privateKeyFromRaw('ed25519', keys.privateKey, keys.publicKey);
    this.publicKey = keys.publicKey;
  }

  /** A signer with a freshly generated key. */
  static generate(): Ed25519Signer {
    return new Ed25519Signer(generateRawKeyPair('ed25519'));
  }

  /** The 64-byte signature of `message`. */
  sign(message: Uint8Array): Buffer {
    return sign(null, message, this.key);
  }
}

/** Verifies signatures of one Ed25519 public key. */
export class Ed25519Verifier {
  readonly publicKey: Uint8Array;
  private readonly key: KeyObject;

  constructor(publicKey: Uint8Array) {
    this.key = publicKeyFromRaw('ed25519', publicKey);
    this.publicKey = publicKey;
  }

  /** True when `signature` is a valid signature of `message`; false for any malformed input. */
  verify(message: Uint8Array, signature: Uint8Array): boolean {
    if (signature.length !== 64) return false;
    try {
      return verify(null, message, this.key, signature);
    } catch {
      return false;
    }
  }
}
