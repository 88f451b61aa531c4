// The Merkle tree of RFC 9162 §2.1 over leaf hashes held in memory, with every complete subtree
// cached by level, so roots and proofs cost O(log n) node hashes for any tree size ≤ the current one.
import { HashStore } from './hash-store.js';
import { SLOT_A, SLOT_B, SLOT_C, wasmNodeHasher } from './sha256-node-wasm.js';
import { EMPTY_ROOT, isPowerOfTwo, nodeHash, splitPoint } from './tree-hash.js';

const { node, memory } = wasmNodeHasher;

/** An append-only Merkle tree: roots, inclusion and consistency proofs for any past size. */
export class MerkleTree {
  // levels[j] holds the hashes of the complete, aligned subtrees of 2^j leaves, left to right.
  private readonly levels: HashStore[] = [new HashStore()];

  /** Number of leaves. */
  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends one leaf hash and the complete subtrees it closes. */
  append(leafHash: Uint8Array): void {
    let level = 0;
    this.levels[0]!.push(leafHash);
    // The hot path of every ledger append: children copied into the hasher's memory, the parent
    // copied out into its level, no object made.
    while (this.levels[level]!.length % 2 === 0) {
      const store = this.levels[level]!;
      store.copyTo(store.length - 2, memory, SLOT_A);
      store.copyTo(store.length - 1, memory, SLOT_B);
      node(SLOT_A, SLOT_B, SLOT_C);
      if (this.levels.length === level + 1) this.levels.push(new HashStore());
      this.levels[level + 1]!.pushFrom(memory, SLOT_C);
      level += 1;
    }
  }

  /** The leaf hash at `index`. */
  leafHash(index: number): Buffer {
    return this.levels[0]!.get(index);
  }

  /** MTH(D[0:size]) (RFC 9162 §2.1.1); the current size by default. */
  root(size = this.size): Buffer {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : this.rangeHash(0, size);
  }

  /** PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), innermost sibling first. */
  inclusionProof(index: number, size = this.size): Buffer[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
    }
    const proof: Buffer[] = [];
    this.path(index, 0, size, proof);
    return proof;
  }

  /** PROOF(oldSize, D[0:newSize]) (RFC 9162 §2.1.4.1); empty when oldSize is 0 or equals newSize. */
  consistencyProof(oldSize: number, newSize = this.size): Buffer[] {
    this.checkSize(newSize);
    if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
      throw new RangeError(`old size ${oldSize} must be between 0 and ${newSize}`);
    }
    const proof: Buffer[] = [];
    if (oldSize > 0) this.subproof(oldSize, 0, newSize, true, proof);
    return proof;
  }

  /** Forgets leaves from `size` on (for a failed commit); complete subtrees above are dropped too. */
  truncate(size: number): void {
    this.levels.forEach((store, level) => store.truncate(Math.floor(size / 2 ** level)));
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) {
      throw new RangeError(`tree size ${size} is not between 0 and ${this.size}`);
    }
  }

  /** MTH(D[start:end]); start is always aligned to the largest power of two ≤ end − start here. */
  private rangeHash(start: number, end: number): Buffer {
    const n = end - start;
    if (isPowerOfTwo(n) && start % n === 0) return this.levels[Math.log2(n)]!.get(start / n);
    const k = splitPoint(n);
    return nodeHash(this.rangeHash(start, start + k), this.rangeHash(start + k, end));
  }

  private path(index: number, start: number, end: number, out: Buffer[]): void {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (index < start + k) {
      this.path(index, start, start + k, out);
      out.push(this.rangeHash(start + k, end));
    } else {
      this.path(index, start + k, end, out);
      out.push(this.rangeHash(start, start + k));
    }
  }

  private subproof(m: number, start: number, end: number, complete: boolean, out: Buffer[]): void {
    const n = end - start;
    if (m === n) {
      if (!complete) out.push(this.rangeHash(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      this.subproof(m, start, start + k, complete, out);
      out.push(this.rangeHash(start + k, end));
    } else {
      this.subproof(m - k, start + k, end, false, out);
      out.push(this.rangeHash(start, start + k));
    }
  }
}
