// ChaCha20-Poly1305 AEAD (RFC 8439) over node:crypto: 32-byte key, 12-byte nonce, 16-byte tag
// appended to the ciphertext, as HPKE's Seal/Open define it (RFC 9180 §5.2). Messages that fit
// go through the WebAssembly implementation (several times faster for telemetry-sized messages);
// larger ones through node:crypto.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { wasmAeadOpen, wasmAeadSeal } from './chacha20-poly1305-wasm.js';

/** Key length in bytes (Nk). */
export const AEAD_KEY_BYTES = 32;
/** Nonce length in bytes (Nn). */
export const AEAD_NONCE_BYTES = 12;
/** Authentication tag length in bytes (Nt). */
export const AEAD_TAG_BYTES = 16;

/** Encrypts and authenticates: returns ciphertext ‖ tag. */
export function aeadSeal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  return sealWithPrefix(Buffer.alloc(0), key, nonce, aad, plaintext);
}

/**
 * Encrypts and returns aad ‖ ciphertext ‖ tag in one buffer: the layout of an envelope whose header
 * is its associated data, without a second copy of the message.
 */
export function aeadSealAfterAad(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  return sealWithPrefix(aad, key, nonce, aad, plaintext);
}

function sealWithPrefix(prefix: Uint8Array, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  return wasmAeadSeal(key, nonce, aad, plaintext, prefix) ?? nodeSeal(prefix, key, nonce, aad, plaintext);
}

/** The same seal through node:crypto (also the reference the WebAssembly one is tested against). */
export function nodeSeal(prefix: Uint8Array, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: AEAD_TAG_BYTES });
  cipher.setAAD(aad, { plaintextLength: plaintext.length });
  const body = cipher.update(plaintext);
  cipher.final(); // a stream cipher: final() adds no bytes, it computes the tag
  return Buffer.concat([prefix, body, cipher.getAuthTag()]);
}

/** Checks and decrypts ciphertext ‖ tag; undefined when authentication fails or the input is too short. */
export function aeadOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Buffer | undefined {
  if (sealed.length < AEAD_TAG_BYTES) return undefined;
  const opened = wasmAeadOpen(key, nonce, aad, sealed);
  if (opened === false) return undefined;
  return opened ?? nodeOpen(key, nonce, aad, sealed);
}

/** The same open through node:crypto. */
export function nodeOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Buffer | undefined {
  if (sealed.length < AEAD_TAG_BYTES) return undefined;
  const bodyLength = sealed.length - AEAD_TAG_BYTES;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: AEAD_TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(bodyLength));
  decipher.setAAD(aad, { plaintextLength: bodyLength });
  const body = decipher.update(sealed.subarray(0, bodyLength));
  try {
    decipher.final(); // checks the tag; adds no bytes for a stream cipher
    return body;
  } catch {
    return undefined;
  }
}

/** The nonce for message `seq`: base XOR seq as a big-endian integer in the last bytes (RFC 9180 §5.2). */
export function nonceForSequence(baseNonce: Uint8Array, seq: number): Buffer {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`sequence number ${seq} is not a non-negative safe integer`);
  const nonce = Buffer.from(baseNonce);
  const high = Math.floor(seq / 2 ** 32);
  const low = seq >>> 0;
  nonce.writeUInt32BE((nonce.readUInt32BE(4) ^ high) >>> 0, 4);
  nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ low) >>> 0, 8);
  return nonce;
}
