// Verification of RFC 9162 proofs, exactly as §2.1.3.2 (inclusion) and §2.1.4.2 (consistency)
// describe it. Shifts use division so sizes above 2^31 work; all inputs are untrusted.
import { HASH_BYTES, isPowerOfTwo, nodeHash } from './tree-hash.js';

const half = (n: number) => Math.floor(n / 2);
const lsb = (n: number) => n % 2 === 1;

function isHash(h: Uint8Array | undefined): h is Uint8Array {
  return h !== undefined && h.length === HASH_BYTES;
}

function sizeOk(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Root implied by an inclusion proof, or undefined when the proof has the wrong shape. */
export function rootFromInclusionProof(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Buffer | undefined {
  if (!sizeOk(index) || !sizeOk(size) || index >= size || !isHash(leafHash)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0 || !isHash(p)) return undefined;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

/** True when `proof` shows leaf `leafHash` at `index` in the tree of `size` with root `root`. */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  const computed = rootFromInclusionProof(leafHash, index, size, proof);
  return computed !== undefined && computed.equals(root);
}

/** True when `proof` shows the tree of `oldSize` (root `oldRoot`) is a prefix of the tree of `newSize`. */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): boolean {
  if (!sizeOk(oldSize) || !sizeOk(newSize) || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0 || !proof.every(isHash)) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}
