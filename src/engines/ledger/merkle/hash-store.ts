// A growable array of 32-byte hashes in fixed-size chunks: no copying on growth and no per-hash
// object, so a tree of millions of leaves costs 32 bytes per hash and nothing more.
import { HASH_BYTES } from './tree-hash.js';

const HASHES_PER_CHUNK = 8192;
const CHUNK_BYTES = HASHES_PER_CHUNK * HASH_BYTES;

/** An append-only list of hashes. */
export class HashStore {
  private readonly chunks: Buffer[] = [];
  private count = 0;

  /** Number of hashes held. */
  get length(): number {
    return this.count;
  }

  /** Appends a copy of `hash`. */
  push(hash: Uint8Array): void {
    const chunkIndex = Math.floor(this.count / HASHES_PER_CHUNK);
    if (chunkIndex === this.chunks.length) this.chunks.push(Buffer.allocUnsafe(CHUNK_BYTES));
    this.chunks[chunkIndex]!.set(hash, (this.count % HASHES_PER_CHUNK) * HASH_BYTES);
    this.count += 1;
  }

  /** Copies hash `i` into `target` at `offset` (no view is made). */
  copyTo(i: number, target: Uint8Array, offset: number): void {
    if (i < 0 || i >= this.count) throw new RangeError(`hash ${i} out of range 0..${this.count - 1}`);
    const from = (i % HASHES_PER_CHUNK) * HASH_BYTES;
    this.chunks[Math.floor(i / HASHES_PER_CHUNK)]!.copy(target, offset, from, from + HASH_BYTES);
  }

  /** Appends the hash at `offset` in `source` (copied; no view is made). */
  pushFrom(source: Buffer, offset: number): void {
    const chunkIndex = Math.floor(this.count / HASHES_PER_CHUNK);
    if (chunkIndex === this.chunks.length) this.chunks.push(Buffer.allocUnsafe(CHUNK_BYTES));
    source.copy(this.chunks[chunkIndex]!, (this.count % HASHES_PER_CHUNK) * HASH_BYTES, offset, offset + HASH_BYTES);
    this.count += 1;
  }

  /** A view of hash `i`; valid until the store is truncated. */
  get(i: number): Buffer {
    if (i < 0 || i >= this.count) throw new RangeError(`hash ${i} out of range 0..${this.count - 1}`);
    const offset = (i % HASHES_PER_CHUNK) * HASH_BYTES;
    return this.chunks[Math.floor(i / HASHES_PER_CHUNK)]!.subarray(offset, offset + HASH_BYTES);
  }

  /** Drops hashes from index `length` on. */
  truncate(length: number): void {
    if (length >= this.count) return;
    this.count = length;
    this.chunks.length = Math.ceil(length / HASHES_PER_CHUNK);
  }
}
