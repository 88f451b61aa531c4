// RFC 9162 §2.1.1 hashing: SHA-256 with domain separation, leaf = H(0x00 ‖ d), node = H(0x01 ‖ l ‖ r).
// Leaves (any length) hash through node:crypto; nodes (always 65 bytes) through the generated
// WebAssembly in sha256-node-wasm.ts, about 2.5× faster because no call crosses into C++.
import { createHash, hash } from 'node:crypto';
import { SLOT_A, SLOT_B, SLOT_C, wasmNodeHasher } from './sha256-node-wasm.js';

/** Bytes in one hash. */
export const HASH_BYTES = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.of(0x00);

/** The leaf hash of entry bytes `data`. */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** The leaf hash of a buffer that already starts with the 0x00 leaf prefix (no copy needed). */
export function leafHashOfPrefixed(prefixed: Uint8Array): Buffer {
  return hash('sha256', prefixed, 'buffer');
}

const { node, memory } = wasmNodeHasher;

/** The hash of an interior node with children `left` and `right`. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  memory.set(left, SLOT_A);
  memory.set(right, SLOT_B);
  node(SLOT_A, SLOT_B, SLOT_C);
  return Buffer.from(memory.subarray(SLOT_C, SLOT_C + HASH_BYTES));
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
