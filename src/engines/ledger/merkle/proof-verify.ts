// Verification of RFC 9162 proofs, exactly as §2.1.3.2 (inclusion) and §2.1.4.2 (consistency)
// describe it. Shifts use division so sizes above 2^31 work; all inputs are untrusted. The running
// hashes stay in the WebAssembly hasher's memory slots, so a proof is checked without allocating.
import { SLOT_A, SLOT_B, SLOT_C, wasmNodeHasher } from './sha256-node-wasm.js';
import { HASH_BYTES, isPowerOfTwo } from './tree-hash.js';

const { node, memory } = wasmNodeHasher;
const slotA = memory.subarray(SLOT_A, SLOT_A + HASH_BYTES);
const slotC = memory.subarray(SLOT_C, SLOT_C + HASH_BYTES);

const half = (n: number) => Math.floor(n / 2);
const lsb = (n: number) => n % 2 === 1;

function isHash(h: Uint8Array | undefined): h is Uint8Array {
  return h !== undefined && h.length === HASH_BYTES;
}

function sizeOk(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Runs the §2.1.3.2 loop with r in slot A; false when the proof has the wrong shape. */
function inclusionRootToSlotA(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): boolean {
  if (!sizeOk(index) || !sizeOk(size) || index >= size || !isHash(leafHash)) return false;
  let fn = index;
  let sn = size - 1;
  memory.set(leafHash, SLOT_A);
  for (const p of proof) {
    if (sn === 0 || !isHash(p)) return false;
    memory.set(p, SLOT_B);
    if (lsb(fn) || fn === sn) {
      node(SLOT_B, SLOT_A, SLOT_A);
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      node(SLOT_A, SLOT_B, SLOT_A);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0;
}

/** Root implied by an inclusion proof, or undefined when the proof has the wrong shape. */
export function rootFromInclusionProof(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Buffer | undefined {
  return inclusionRootToSlotA(leafHash, index, size, proof) ? Buffer.from(slotA) : undefined;
}

/** True when `proof` shows leaf `leafHash` at `index` in the tree of `size` with root `root`. */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  return inclusionRootToSlotA(leafHash, index, size, proof) && slotA.equals(root);
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
  if (proof.length === 0 || !proof.every(isHash) || !isHash(oldRoot)) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // fr in slot A, sr in slot C, each proof hash c in slot B.
  memory.set(path[0]!, SLOT_A);
  memory.set(path[0]!, SLOT_C);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    memory.set(c, SLOT_B);
    if (lsb(fn) || fn === sn) {
      node(SLOT_B, SLOT_A, SLOT_A);
      node(SLOT_B, SLOT_C, SLOT_C);
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      node(SLOT_C, SLOT_B, SLOT_C);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && slotA.equals(oldRoot) && slotC.equals(newRoot);
}
