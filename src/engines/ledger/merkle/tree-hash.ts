// RFC 9162 §2.1.1 hashing: SHA-256 with domain separation, leaf = H(0x00 ‖ d), node = H(0x01 ‖ l ‖ r).
import { createHash, hash } from 'node:crypto';

/** Bytes in one hash. */
export const HASH_BYTES = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

// One reusable 65-byte input for node hashes: a node hash is the hot path of every proof, and
// building the input in place avoids an allocation per hash.
const nodeInput = Buffer.alloc(1 + 2 * HASH_BYTES);
nodeInput[0] = 0x01;

const LEAF_PREFIX = Buffer.of(0x00);

/** The leaf hash of entry bytes `data`. */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** The leaf hash of a buffer that already starts with the 0x00 leaf prefix (no copy needed). */
export function leafHashOfPrefixed(prefixed: Uint8Array): Buffer {
  return hash('sha256', prefixed, 'buffer');
}

/** The hash of an interior node with children `left` and `right`. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_BYTES);
  return hash('sha256', nodeInput, 'buffer');
}

/** Largest power of two strictly less than `n` (n ≥ 2), the split point k of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True for 1, 2, 4, …; exact for every safe integer (bit tricks alone stop at 2^31). */
export function isPowerOfTwo(n: number): boolean {
  let v = n;
  while (v > 2 ** 30) {
    if (v % 2 !== 0) return false;
    v /= 2;
  }
  return v > 0 && (v & (v - 1)) === 0;
}
