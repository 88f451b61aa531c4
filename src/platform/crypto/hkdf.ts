// HKDF-SHA256 as two separate steps (RFC 5869 §2.2, §2.3): HPKE needs Extract and Expand apart,
// which node's one-shot hkdfSync does not offer.
import { createHmac } from 'node:crypto';

/** Output length of SHA-256 in bytes (Nh in RFC 9180). */
export const SHA256_BYTES = 32;

/** HKDF-Extract(salt, ikm) → a 32-byte pseudorandom key. An empty salt means 32 zero bytes. */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Buffer {
  return createHmac('sha256', salt.length === 0 ? Buffer.alloc(SHA256_BYTES) : salt)
    .update(ikm)
    .digest();
}

/** HKDF-Expand(prk, info, length) → `length` bytes (at most 255 × 32). */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  if (length > 255 * SHA256_BYTES) throw new RangeError('HKDF-Expand length too large');
  const out = Buffer.alloc(length);
  let previous: Buffer = Buffer.alloc(0);
  for (let counter = 1, written = 0; written < length; counter++) {
    previous = createHmac('sha256', prk)
      .update(previous)
      .update(info)
      .update(Buffer.of(counter))
      .digest();
    written += previous.copy(out, written);
  }
  return out;
}
